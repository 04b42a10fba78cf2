#!/usr/bin/env bash
# `make dist`: one self-contained liplint executable for x86-64 Linux in dist/liplint.
#
# A release build in its own scratch directory (.build-dist, so the normal .build is untouched) with
#   --static-swift-stdlib            the Swift runtime and Foundation linked in;
#   .build-dist/static-libs          linker scripts that resolve the module maps' -lfftw3, -lprotobuf-c,
#                                    -llapacke and -lopenblas to Debian's static archives, plus
#                                    libgfortran.a and libquadmath.a (scripts/static-link-dir.sh), found
#                                    first through PKG_CONFIG_PATH and -L;
#   -file-prefix-map, -ffile-prefix-map   the checkout's path replaced by `.` in what the compilers embed,
#                                    so the bytes do not depend on where the tag was checked out.
# The executable is stripped of its debug sections and symbol table (smaller; its bytes no longer carry
# build paths), of `.swift_modhash` (the Swift modules' hashes, which differ between two checkouts of the same
# commit: measured, 7,070 bytes) and so of the GNU build ID (a hash of the linked output that includes those
# module hashes). Nothing at run time reads either section. SOURCE_DATE_EPOCH defaults to the commit
# time. The result must need only glibc, libstdc++ and libgcc_s (scripts/check-self-contained.sh); the
# glibc version it needs is printed and becomes the wheel's manylinux tag (scripts/wheel.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
swift=${SWIFT:-swift}
scratch=.build-dist
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}

scripts/static-link-dir.sh "$scratch/static-libs"
export PKG_CONFIG_PATH="$root/$scratch/static-libs/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
flags=(-c release --scratch-path "$scratch" --static-swift-stdlib
  -Xswiftc -file-prefix-map -Xswiftc "$root=."
  -Xcc "-ffile-prefix-map=$root=."
  -Xlinker -L"$root/$scratch/static-libs")
built="$("$swift" build "${flags[@]}" --show-bin-path)/liplint"
# The linker scripts are no inputs SwiftPM tracks: remove the executable so that it is always linked anew.
rm -f "$built"
"$swift" build "${flags[@]}" --product liplint

mkdir -p dist
strip --strip-all --remove-section=.swift_modhash --remove-section=.note.gnu.build-id -o dist/liplint.tmp "$built"
chmod 755 dist/liplint.tmp
mv dist/liplint.tmp dist/liplint
scripts/check-self-contained.sh dist/liplint
echo "dist: dist/liplint $(stat -c %s dist/liplint) bytes, needs glibc >= $(scripts/glibc-requirement.sh dist/liplint)"
echo "dist: $(dist/liplint --version)"
scripts/dist-sums.sh
