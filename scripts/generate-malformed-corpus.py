#!/usr/bin/env python3
"""Writes the malformed-model corpus of fixtures/malformed (run from anywhere:
python3 scripts/generate-malformed-corpus.py). Python 3 standard library only; deterministic (fixed seeds).

Every file is a hostile or broken input for `liplint check` and `liplint inspect`. The corpus test
(Tests/CLITests/MalformedCorpusTests.swift) runs both on each file and requires exit 0, 1 or 2 (never a
signal), exactly one line on stderr for exit 2, bounded time and memory, and the file unchanged afterwards.
The file name starts with its class; fixtures/malformed/README.md lists the classes. Files found by fuzzing
(docs/fuzzing.md) are kept in fixtures/malformed/fuzz/ and are not rewritten by this script.
"""
import os
import random
import struct

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "malformed")

# --- protobuf encoding ------------------------------------------------------------------------------------


def varint(n):
    n &= (1 << 64) - 1  # negative numbers as two's complement, like protobuf int64
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def key(number, wire):
    return varint(number << 3 | wire)


def vint(number, value):
    return key(number, 0) + varint(value)


def ld(number, payload):
    if isinstance(payload, str):
        payload = payload.encode()
    return key(number, 2) + varint(len(payload)) + payload


def packed(number, values):
    return ld(number, b"".join(varint(v) for v in values))


FLOAT, INT64, FLOAT16, DOUBLE = 1, 7, 10, 11


def tensor(name, dims, data_type=FLOAT, raw=None, floats=None, doubles=None, external=None, dims_raw=None):
    body = dims_raw if dims_raw is not None else packed(1, dims)
    body += vint(2, data_type) + ld(8, name)
    if floats is not None:
        body += ld(4, b"".join(struct.pack("<f", v) for v in floats))
    if doubles is not None:
        body += ld(10, b"".join(struct.pack("<d", v) for v in doubles))
    if raw is not None:
        body += ld(9, raw)
    if external is not None:
        for k, v in external:
            body += ld(13, ld(1, k) + ld(2, v))
        body += vint(14, 1)
    return body


def attr_ints(name, values):
    return ld(1, name) + vint(20, 7) + packed(8, values)


def attr_int(name, value):
    return ld(1, name) + vint(20, 2) + vint(3, value)


def attr_string(name, value):
    return ld(1, name) + vint(20, 3) + ld(4, value)


def attr_graph(name, graph):
    return ld(1, name) + vint(20, 5) + ld(6, graph)


def attr_tensor(name, t):
    return ld(1, name) + vint(20, 4) + ld(5, t)


def node(op, inputs, outputs, attrs=(), name=None):
    body = b"".join(ld(1, i) for i in inputs) + b"".join(ld(2, o) for o in outputs)
    body += ld(3, name or (op.lower() + "_" + outputs[0])) + ld(4, op)
    body += b"".join(ld(5, a) for a in attrs)
    return body


def value_info(name, dims, elem=FLOAT):
    shape = b"".join(ld(1, ld(2, d) if isinstance(d, str) else vint(1, d)) for d in dims)
    return ld(1, name) + ld(2, ld(1, vint(1, elem) + ld(2, shape)))


def graph(nodes, initializers, inputs, outputs, name="g"):
    return (b"".join(ld(1, n) for n in nodes) + ld(2, name) + b"".join(ld(5, t) for t in initializers)
            + b"".join(ld(11, v) for v in inputs) + b"".join(ld(12, v) for v in outputs))


def model(g, opset=13, ir=8):
    return vint(1, ir) + ld(2, "malformed-corpus") + ld(8, ld(1, "") + vint(2, opset)) + ld(7, g)


def f32(values):
    return b"".join(struct.pack("<f", v) for v in values)


def f64(values):
    return b"".join(struct.pack("<d", v) for v in values)


def weights(count, seed=1):
    r = random.Random(seed)
    return [r.uniform(-1, 1) for _ in range(count)]


def conv_model(x=(1, 3, 8, 8), w=(4, 3, 3, 3), attrs=(), op="Conv", wdata=None, wtype=FLOAT, y=None, extra_inputs=()):
    count = 1
    for d in w:
        count *= max(d, 0)
    if wdata is None:
        wdata = f32(weights(count)) if wtype == FLOAT else f64(weights(count))
    t = tensor("W", list(w), wtype, raw=wdata)
    n = node(op, ["x", "W"] + list(extra_inputs), ["y"], attrs)
    return model(graph([n], [t], [value_info("x", list(x))], [value_info("y", list(y) if y else ["N", "C", "H", "W"])]))


def gemm_model(a=(1, 8), b=(8, 4), trans_b=0, bdata=None):
    count = b[0] * b[1]
    t = tensor("B", list(b), FLOAT, raw=bdata if bdata is not None else f32(weights(count)))
    attrs = [attr_int("transB", trans_b)] if trans_b else []
    n = node("Gemm", ["a", "B"], ["y"], attrs)
    return model(graph([n], [t], [value_info("a", list(a))], [value_info("y", ["N", "M"])]))


# --- writing ----------------------------------------------------------------------------------------------

written = []


def write(name, data, subdir=""):
    directory = os.path.join(HERE, subdir)
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)
    written.append(os.path.join(subdir, name))


def main():
    os.makedirs(HERE, exist_ok=True)
    for entry in os.listdir(HERE):
        path = os.path.join(HERE, entry)
        if os.path.isfile(path) and entry != "README.md":
            os.remove(path)
    base_conv = conv_model()
    base_gemm = gemm_model()
    write("valid-conv.onnx", base_conv)
    write("valid-gemm.onnx", base_gemm)

    # Truncations at many offsets, bit flips, random bytes.
    for i, cut in enumerate(sorted(set([1, 2, 3, 5, 8, 13, 21, 34, 55, 89] + list(range(100, len(base_conv), 37))))):
        write(f"truncated-conv-{cut:04d}.onnx", base_conv[:cut])
    for cut in range(3, len(base_gemm), 29):
        write(f"truncated-gemm-{cut:04d}.onnx", base_gemm[:cut])
    r = random.Random(15)
    for i in range(50):
        data = bytearray(base_conv)
        for _ in range(1 + i % 4):
            bit = r.randrange(len(data) * 8)
            data[bit // 8] ^= 1 << (bit % 8)
        write(f"bitflip-conv-{i:02d}.onnx", bytes(data))
    for i in range(20):
        data = bytearray(base_gemm)
        pos = r.randrange(len(data))
        data[pos] = r.randrange(256)
        write(f"bytechange-gemm-{i:02d}.onnx", bytes(data))
    for i, size in enumerate([1, 2, 7, 64, 512, 4096, 20000]):
        write(f"random-{i}-{size}.onnx", random.Random(100 + i).randbytes(size))
    write("random-zeros.onnx", bytes(1000))
    write("random-ff.onnx", b"\xff" * 1000)

    # Not a model at all.
    write("lfs-pointer.onnx", b"version https://git-lfs.github.com/spec/v1\n"
          b"oid sha256:2f62c9bfb830a0b417241269fde7ef2d0ad5446c0ed2b8af33b1f6543545e8e2\nsize 6783084\n")
    write("lfs-pointer-short.onnx", b"version https://git-lfs.github.com/spec/")
    write("empty.onnx", b"")
    write("text.onnx", b"this is not a model\n")

    # Wire-level damage.
    write("wiretype-graph-as-varint.onnx", vint(1, 8) + vint(7, 5))
    write("wiretype-irversion-as-bytes.onnx", ld(1, b"xx") + ld(7, b""))
    write("wiretype-group.onnx", vint(1, 8) + key(7, 3) + key(7, 4))
    write("wiretype-invalid-6.onnx", vint(1, 8) + key(7, 6) + b"\x00" * 8)
    write("wiretype-dims-fixed32.onnx", model(graph([], [key(1, 5) + b"\x01\x00\x00\x00" + vint(2, 1) + ld(8, "t")], [], [])))
    write("wiretype-node-as-fixed64.onnx", vint(1, 8) + ld(7, key(1, 1) + b"\x00" * 8))
    write("varint-11-bytes.onnx", key(1, 0) + b"\xff" * 10 + b"\x01" + ld(7, b""))
    write("varint-11-bytes-in-dims.onnx", model(graph([], [key(1, 0) + b"\x80" * 10 + b"\x01" + vint(2, 1) + ld(8, "t")], [], [])))
    write("varint-unterminated.onnx", vint(1, 8) + key(7, 2) + b"\x80\x80\x80")
    write("tag-11-bytes.onnx", b"\x80" * 11 + b"\x00")
    write("field-number-zero.onnx", b"\x00\x00" + ld(7, b""))
    write("length-past-eof.onnx", vint(1, 8) + key(7, 2) + varint(1000) + b"\x00" * 10)
    write("length-2-63.onnx", vint(1, 8) + key(7, 2) + varint(1 << 63) + b"\x00" * 10)
    write("length-past-parent.onnx", vint(1, 8) + ld(7, key(1, 2) + varint(50) + b"\x00" * 4))
    write("packed-dims-odd-doubles.onnx", model(graph([], [packed(1, [1]) + vint(2, DOUBLE) + ld(8, "t") + ld(10, b"\x00" * 7)], [], [])))

    # Nesting: deep subgraphs and deep messages.
    for depth in (65, 200, 3000):
        g = ld(2, "leaf")
        for level in range(depth):
            a = attr_graph("then_branch", g)
            g = ld(1, node("If", ["c"], [f"o{level}"], [a])) + ld(2, f"level{level}")
        write(f"deep-subgraphs-{depth}.onnx", model(g))
    inner = b""
    for level in range(10000):
        inner = ld(1, inner)  # TypeProto.tensor_type? -> nested TypeProto.Sequence elem_type chains
    write("deep-messages-10000.onnx", vint(1, 8) + ld(7, ld(11, ld(1, "v") + ld(2, ld(4, inner)))))

    # Dims.
    write("dims-overflow-int64.onnx", model(graph([], [tensor("t", [1 << 62, 8], raw=b"\x00" * 4)], [], [])))
    write("dims-uint64-max.onnx", model(graph([], [tensor("t", [(1 << 64) - 1], raw=b"\x00" * 4)], [], [])))
    write("dims-negative.onnx", model(graph([], [tensor("t", [2, -1], raw=b"\x00" * 4)], [], [])))
    write("dims-2-40-elements.onnx", model(graph([], [tensor("t", [1 << 20, 1 << 20], raw=b"\x00" * 4)], [], [])))
    write("dims-200k.onnx", model(graph([], [tensor("t", [1] * 200000 + [2], raw=b"\x00" * 4)], [], [])))
    write("dims-200k-input.onnx", conv_model(x=[1] * 200000))
    write("dims-zero-weight.onnx", conv_model(w=(0, 3, 3, 3), wdata=b""))
    write("dims-input-2-31.onnx", conv_model(x=(1, 3, (1 << 31) - 1, (1 << 31) - 1)))
    write("dims-input-2-62.onnx", conv_model(x=(1, 3, 1 << 62, 1 << 62)))
    write("dims-input-100000.onnx", conv_model(x=(1, 3, 100000, 100000)))
    write("dims-input-negative.onnx", conv_model(x=(1, 3, -5, 8)))

    # raw_data against dims.
    write("raw-short.onnx", conv_model(wdata=f32(weights(100))))
    write("raw-long.onnx", conv_model(wdata=f32(weights(200))))
    write("raw-odd-bytes.onnx", conv_model(wdata=f32(weights(108)) + b"\x00"))
    write("raw-and-float-data.onnx", model(graph([], [tensor("t", [2], raw=f32([1, 2]), floats=[1, 2])], [], [])))
    write("float-data-short.onnx", model(graph([node("Conv", ["x", "W"], ["y"])],
                                               [tensor("W", [4, 3, 3, 3], floats=weights(10))],
                                               [value_info("x", [1, 3, 8, 8])], [value_info("y", [1, 4, 6, 6])])))

    # External data.
    for i, location in enumerate(["../escape.bin", "/etc/passwd", "a/../../escape.bin", "/dev/zero", "missing.bin",
                                  "", "./", "sub/../../../etc/passwd", "data\nwith-newline", "\x1b[31mred.bin"]):
        ext = [("location", location), ("length", "432")]
        t = tensor("W", [4, 3, 3, 3], external=ext)
        n = node("Conv", ["x", "W"], ["y"])
        write(f"external-{i:02d}.onnx", model(graph([n], [t], [value_info("x", [1, 3, 8, 8])], [value_info("y", [1, 4, 6, 6])])))
    write("external-weights.bin", f32(weights(108)))
    for name, ext in [("offset-past-end", [("location", "external-weights.bin"), ("offset", "1000")]),
                      ("length-past-end", [("location", "external-weights.bin"), ("offset", "400"), ("length", "432")]),
                      ("negative-offset", [("location", "external-weights.bin"), ("offset", "-1")]),
                      ("offset-2-63", [("location", "external-weights.bin"), ("offset", str(1 << 63))]),
                      ("unknown-key", [("location", "external-weights.bin"), ("basepath", "/")]),
                      ("ok", [("location", "external-weights.bin")]),
                      ("huge-dims", [("location", "external-weights.bin")])]:
        dims = [1024, 1024, 64, 64] if name == "huge-dims" else [4, 3, 3, 3]
        t = tensor("W", dims, external=ext)
        n = node("Conv", ["x", "W"], ["y"])
        write(f"external-{name}.onnx", model(graph([n], [t], [value_info("x", [1, 3, 8, 8])], [value_info("y", ["N", "C", "H", "W"])])))

    # Weight values.
    for name, value in [("nan", float("nan")), ("inf", float("inf")), ("neg-inf", float("-inf")),
                        ("denormal", 1e-40), ("max-float", 3.4e38)]:
        w = weights(108)
        w[5] = value
        write(f"weights-{name}.onnx", conv_model(wdata=f32(w)))
    write("weights-all-denormal.onnx", conv_model(wdata=f32([1e-41] * 108)))
    write("weights-zero.onnx", conv_model(wdata=f32([0.0] * 108)))
    for exponent in (300, 200, 150, 100, 50):
        write(f"weights-double-1e{exponent}.onnx", conv_model(wtype=DOUBLE, wdata=f64([10.0 ** exponent] * 108)))
        write(f"weights-gemm-double-1e{exponent}.onnx",
              model(graph([node("Gemm", ["a", "B"], ["y"])], [tensor("B", [8, 4], DOUBLE, raw=f64([10.0 ** exponent] * 32))],
                          [value_info("a", [1, 8], DOUBLE)], [value_info("y", [1, 4], DOUBLE)])))
    write("weights-double-denormal.onnx", conv_model(wtype=DOUBLE, wdata=f64([5e-324] * 108)))

    # Conv geometry.
    write("kernel-zero-size.onnx", conv_model(w=(4, 3, 0, 0), wdata=b""))
    write("kernel-zero-width.onnx", conv_model(w=(4, 3, 3, 0), wdata=b""))
    write("kernel-larger-than-input.onnx", conv_model(x=(1, 3, 2, 2), w=(4, 3, 5, 5)))
    write("kernel-shape-mismatch.onnx", conv_model(attrs=[attr_ints("kernel_shape", [5, 5])]))
    write("group-not-dividing.onnx", conv_model(x=(1, 4, 8, 8), w=(3, 2, 3, 3), attrs=[attr_int("group", 2)]))
    write("group-zero.onnx", conv_model(attrs=[attr_int("group", 0)]))
    write("group-negative.onnx", conv_model(attrs=[attr_int("group", -3)]))
    write("group-2-31.onnx", conv_model(attrs=[attr_int("group", 1 << 31)]))
    write("group-channels-mismatch.onnx", conv_model(x=(1, 5, 8, 8), w=(4, 3, 3, 3)))
    for value in (0, -1, 4096, 1 << 24, 1 << 31, 1 << 62):
        write(f"strides-{value}.onnx", conv_model(attrs=[attr_ints("strides", [value, value])]))
        write(f"dilations-{value}.onnx", conv_model(attrs=[attr_ints("dilations", [value, value])]))
    write("strides-4096-large-input.onnx", conv_model(x=(1, 3, 5000, 5000), attrs=[attr_ints("strides", [4096, 4096])]))
    write("dilations-4096-large-input.onnx", conv_model(x=(1, 3, 9000, 9000), attrs=[attr_ints("dilations", [4096, 4096])]))
    write("strides-wrong-count.onnx", conv_model(attrs=[attr_ints("strides", [1, 1, 1])]))
    for value in (9, 100, 1 << 24, 1 << 31):
        write(f"pads-{value}.onnx", conv_model(attrs=[attr_ints("pads", [value] * 4)]))
    write("pads-negative.onnx", conv_model(attrs=[attr_ints("pads", [-1, -1, -1, -1])]))
    write("pads-asymmetric-huge.onnx", conv_model(attrs=[attr_ints("pads", [0, 0, 1 << 24, 0])]))
    write("auto-pad-unknown.onnx", conv_model(attrs=[attr_string("auto_pad", "SAME_\x1b[2JSIDEWAYS\n")]))
    write("auto-pad-same-upper-strided.onnx", conv_model(attrs=[attr_string("auto_pad", "SAME_UPPER"),
                                                                attr_ints("strides", [3, 3])]))
    ct = dict(x=(1, 4, 8, 8), w=(4, 3, 3, 3), op="ConvTranspose")
    write("convtranspose-valid.onnx", conv_model(**ct))
    for value in (1 << 12, 1 << 24, 1 << 31):
        write(f"convtranspose-output-shape-{value}.onnx", conv_model(attrs=[attr_ints("output_shape", [value, value])], **ct))
    write("convtranspose-output-padding-huge.onnx", conv_model(attrs=[attr_ints("output_padding", [1 << 24, 1 << 24]),
                                                                      attr_ints("strides", [2, 2])], **ct))
    write("convtranspose-pads-2-24.onnx", conv_model(attrs=[attr_ints("pads", [1 << 24] * 4)], **ct))
    write("conv1d-huge-stride.onnx", conv_model(x=(1, 3, 64), w=(4, 3, 3), attrs=[attr_ints("strides", [1 << 24])]))
    write("conv3d.onnx", conv_model(x=(1, 3, 8, 8, 8), w=(4, 3, 3, 3, 3), wdata=f32(weights(324))))
    write("conv-no-weight.onnx", model(graph([node("Conv", ["x"], ["y"])], [], [value_info("x", [1, 3, 8, 8])], [])))

    # Dense layers.
    write("gemm-k-mismatch.onnx", gemm_model(a=(1, 5), b=(8, 4)))
    write("gemm-k-mismatch-transposed.onnx", gemm_model(a=(1, 5), b=(4, 8), trans_b=1))
    write("gemm-zero-size.onnx", gemm_model(b=(0, 4), bdata=b""))
    write("matmul-rank-1.onnx", model(graph([node("MatMul", ["a", "B"], ["y"])], [tensor("B", [8], raw=f32(weights(8)))],
                                            [value_info("a", [1, 8])], [])))

    # Repeated singular fields: protobuf-c merges each repetition into the first (quadratic).
    t = tensor("v", [4], raw=f32([1, 2, 3, 4]))
    attribute = ld(1, "value") + vint(20, 4) + ld(5, t) * 2000
    write("repeated-attribute-t.onnx", model(graph([node("Constant", [], ["c"], [attribute])], [], [], [])))
    g = graph([node("Relu", ["x"], ["y"])], [], [value_info("x", [1, 4])], [value_info("y", [1, 4])])
    write("repeated-model-graph.onnx", vint(1, 8) + ld(8, ld(1, "") + vint(2, 13)) + ld(7, g) * 3000)
    write("repeated-valueinfo-type.onnx", model(graph([], [], [ld(1, "x") + ld(2, ld(1, vint(1, 1))) * 3000], [])))
    write("repeated-tensor-segment.onnx", model(graph([], [tensor("t", [1], raw=f32([1])) + ld(3, vint(1, 0) + vint(2, 1)) * 2], [], [])))

    # Names with control characters and long lists in attributes.
    write("names-escape-sequences.onnx", model(graph(
        [node("Conv", ["x\x1b[31m", "W\n"], ["y\r"], name="conv\x1b]0;title\x07")],
        [tensor("W\n", [4, 3, 3, 3], raw=f32(weights(108)))], [value_info("x\x1b[31m", [1, 3, 8, 8])], [])))
    write("attribute-200k-ints.onnx", conv_model(attrs=[attr_ints("strides", [1] * 200000)]))
    write("opset-huge.onnx", conv_model_opset(1 << 62))
    write("opset-negative.onnx", conv_model_opset(-1))

    print(f"{len(written)} files in {os.path.normpath(HERE)}")


def conv_model_opset(opset):
    t = tensor("W", [4, 3, 3, 3], raw=f32(weights(108)))
    return model(graph([node("Conv", ["x", "W"], ["y"])], [t], [value_info("x", [1, 3, 8, 8])], []), opset=opset)


if __name__ == "__main__":
    main()
