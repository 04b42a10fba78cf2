import Foundation
import Testing
import TestSupport
@testable import ONNXModel

/// Decoding of every supported element type from every storage, through files written by `ONNXWriter`.
@Suite struct TensorDecodingTests {
    typealias W = ONNXWriter

    /// Loads a model holding `tensor` and returns it.
    func roundTrip(_ tensor: W.Tensor) throws -> Tensor {
        let m = try LoaderTestFiles.load(LoaderTestFiles.model(initializers: [tensor]))
        return try #require(m.graph.initializers.first)
    }

    /// Half-precision patterns with their exact values: normals, subnormals, ±0, ±inf, the extremes.
    static let halfCases: [(UInt16, Float)] = [
        (0x3C00, 1), (0xC000, -2), (0x3555, 0.333251953125), (0x7BFF, 65504), (0xFBFF, -65504),
        (0x0400, 0x1p-14), (0x0001, 0x1p-24), (0x8001, -0x1p-24), (0x03FF, 1023 * 0x1p-24), (0x0000, 0),
        (0x7C00, .infinity), (0xFC00, -.infinity),
    ]

    @Test(arguments: [false, true])
    func float16(raw: Bool) throws {
        let bits = Self.halfCases.map(\.0) + [0x8000, 0x7E00]
        let t = try roundTrip(W.tensor(name: "h", dims: [Int64(bits.count)], float16Bits: bits, raw: raw))
        #expect(t.elementType == .float16)
        let f = try t.floats()
        let d = try t.doubles()
        for (i, (_, value)) in Self.halfCases.enumerated() {
            #expect(f[i] == value)
            #expect(d[i] == Double(value))
        }
        #expect(f[bits.count - 2] == 0 && f[bits.count - 2].sign == .minus)
        #expect(f[bits.count - 1].isNaN)
        #expect(d[bits.count - 1].isNaN)
    }

    /// Every one of the 65536 half patterns against Swift's own `Float16` conversion.
    #if !(os(macOS) && arch(x86_64))
    @Test func halfConversionMatchesFloat16ForAllPatterns() {
        for bits in 0...UInt16.max {
            let mine = ScalarConversion.float(fromHalf: bits)
            let reference = Float(Float16(bitPattern: bits))
            if reference.isNaN {
                #expect(mine.isNaN)
            } else if mine.bitPattern != reference.bitPattern {
                Issue.record("half 0x\(String(bits, radix: 16)): \(mine) != \(reference)")
                return
            }
        }
    }
    #endif

    @Test(arguments: [false, true])
    func bfloat16(raw: Bool) throws {
        let t = try roundTrip(W.tensor(name: "b", dims: [5], bfloat16Bits: [0x3F80, 0xC040, 0x7F80, 0x0001, 0x3EAB], raw: raw))
        let f = try t.floats()
        #expect(f[0] == 1)
        #expect(f[1] == -3)
        #expect(f[2] == .infinity)
        #expect(f[3] == Float(bitPattern: 0x0001_0000))
        #expect(f[4] == Float(bitPattern: 0x3EAB_0000))
        #expect(try t.doubles() == f.map { Double($0) })
    }

    @Test(arguments: [(false, W.Packing.onnxDefault), (true, .onnxDefault), (false, .unpacked)])
    func float32(raw: Bool, packing: W.Packing) throws {
        let values: [Float] = [0, -0.0, 1.5, -0x1.8p-130, .greatestFiniteMagnitude, .infinity, 0x1p-149]
        let t = try roundTrip(W.tensor(name: "f", dims: [Int64(values.count)], floats: values, raw: raw, packing: packing))
        #expect(try t.floats().map(\.bitPattern) == values.map(\.bitPattern))
        #expect(try t.doubles() == values.map { Double($0) })
        #expect(throws: ModelError.self) { try t.int64s() }
    }

    @Test(arguments: [false, true])
    func float64(raw: Bool) throws {
        let values: [Double] = [0x1p-1030, -2.5, .pi, -.infinity, .greatestFiniteMagnitude]
        let t = try roundTrip(W.tensor(name: "d", dims: [5], doubles: values, raw: raw))
        #expect(try t.doubles() == values)
        #expect(try t.floats() == values.map { Float($0) })
    }

    @Test(arguments: [false, true])
    func smallIntegers(raw: Bool) throws {
        let cases: [(W.DataType, [Int32])] = [
            (.int8, [-128, 127, 0, -1]), (.uint8, [0, 255, 7, 128]), (.int16, [-32768, 32767, -2, 9]),
            (.uint16, [65535, 0, 32768, 1]), (.int32, [Int32.min, Int32.max, -5, 0]), (.bool, [1, 0, 1, 1]),
        ]
        for (type, values) in cases {
            let t = try roundTrip(W.tensor(name: "i", dims: [2, 2], int32s: values, dataType: type, raw: raw))
            #expect(t.elementType.rawValue == type.rawValue)
            #expect(try t.int64s() == values.map(Int64.init), "\(type)")
            #expect(try t.doubles() == values.map(Double.init), "\(type)")
            #expect(try t.floats() == values.map(Float.init), "\(type)")
        }
    }

    @Test(arguments: [false, true])
    func wideIntegers(raw: Bool) throws {
        let i64 = try roundTrip(W.tensor(name: "l", dims: [3], int64s: [Int64.min, Int64.max, -3], raw: raw))
        #expect(try i64.int64s() == [Int64.min, Int64.max, -3])
        #expect(try i64.doubles() == [Double(Int64.min), Double(Int64.max), -3])
        let u32 = try roundTrip(W.tensor(name: "u", dims: [2], uint64s: [UInt64(UInt32.max), 4], dataType: .uint32, raw: raw))
        #expect(try u32.int64s() == [Int64(UInt32.max), 4])
        let u64 = try roundTrip(W.tensor(name: "v", dims: [2], uint64s: [UInt64(Int64.max), 1], raw: raw))
        #expect(try u64.int64s() == [Int64.max, 1])
        let big = try roundTrip(W.tensor(name: "big", dims: [1], uint64s: [UInt64.max], raw: raw))
        #expect(try big.doubles() == [Double(UInt64.max)])
        #expect(throws: ModelError.self) { try big.int64s() }
    }

    @Test func scalarsAndEmptyTensors() throws {
        let scalar = try roundTrip(W.tensor(name: "s", dims: [], floats: [7], raw: true))
        #expect(scalar.dims == [])
        #expect(scalar.elementCount == 1)
        #expect(try scalar.doubles() == [7])
        let empty = try roundTrip(W.tensor(name: "e", dims: [3, 0], dataType: .float, data: .none))
        #expect(empty.elementCount == 0)
        #expect(try empty.doubles() == [])
        let emptyRaw = try roundTrip(W.tensor(name: "e2", dims: [0], dataType: .float, raw: []))
        #expect(try emptyRaw.floats() == [])
    }

    /// `raw_data` need not be aligned: decode from every offset of a byte buffer.
    @Test func unalignedLittleEndianLoads() {
        let values: [Double] = [1.25, -7, 3e100]
        let bytes = W.littleEndianBytes(doubles: values)
        for shift in 0..<8 {
            let padded = [UInt8](repeating: 0xAA, count: shift) + bytes
            padded.withUnsafeBytes { buffer in
                let slice = UnsafeRawBufferPointer(rebasing: buffer[shift...])
                #expect(Tensor.decodeLittleEndian(slice, count: 3, type: .double, as: Double.self) == values)
                let halves = Tensor.decodeLittleEndian(slice, count: 2, type: .float16, as: Float.self)
                #expect(halves?.count == 2)
            }
        }
    }

    @Test func typesWithoutNumericDecodingThrow() throws {
        let t = try roundTrip(W.tensor(name: "c", dims: [2], dataType: .float8e4m3fn, raw: [0x38, 0x40]))
        #expect(t.elementType == .float8e4m3fn)
        #expect(throws: ModelError.invalidTensor(name: "c", reason: "FLOAT8E4M3FN values cannot be decoded to numbers")) {
            try t.doubles()
        }
        let s = try roundTrip(W.tensor(name: "str", dims: [2], dataType: .string, data: .strings([[65], [66]])))
        #expect(s.elementType == .string)
        #expect(throws: ModelError.self) { try s.doubles() }
    }

    @Test func publicInitializersDecode() throws {
        let d = Tensor(name: "d", dims: [2], doubles: [1, 2])
        #expect(try d.floats() == [1, 2])
        let i = Tensor(name: "i", dims: [1], int64s: [5])
        #expect(try i.doubles() == [5])
        #expect(try i.int64s() == [5])
    }

    /// A bulk decode of 4 M floats (16 MB): every value survives. Speed is measured by Benchmarks/run.sh, not
    /// asserted in a unit test.
    @Test func bulkDecodingKeepsEveryValue() throws {
        let count = 4 << 20
        var values = [Float](repeating: 0, count: count)
        for i in 0..<count { values[i] = Float(i & 1023) - 512 }
        let t = try roundTrip(W.tensor(name: "big", dims: [Int64(count)], floats: values, raw: true))
        let floats = try t.floats()
        let doubles = try t.doubles()
        #expect(floats == values)
        #expect(doubles.count == count && doubles[1023] == 511)
    }
}

