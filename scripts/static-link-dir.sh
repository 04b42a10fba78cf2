#!/usr/bin/env bash
# Writes a directory of GNU linker scripts that make `-lfftw3`, `-lprotobuf-c`, `-llapacke` and
# `-lopenblas` (the `link` lines of Sources/C*/module.modulemap) resolve to Debian's static archives,
# plus the Fortran runtime (libgfortran, libquadmath) that OpenBLAS's LAPACK needs. The linker finds
# `libX.so` in this directory before the shared library in /usr/lib and reads it as a script. Each
# script is a GROUP, so the archives resolve each other's symbols whatever the command-line order.
# libstdc++ and libgcc_s, which Swift's static runtime links, stay shared: docs/install.md says why.
#
# SwiftPM passes `-L${libdir}` of each module's pkg-config file ahead of any -Xlinker flag, so the
# directory also gets a pkgconfig/ with copies of fftw3.pc, libprotobuf-c.pc and lapacke.pc whose `-L`
# names this directory instead (Cflags unchanged); `make dist` puts it first in PKG_CONFIG_PATH. The
# normal build never sees any of it.
# Usage: scripts/static-link-dir.sh OUT_DIR
set -euo pipefail
out=${1:?usage: static-link-dir.sh OUT_DIR}
multiarch=/usr/lib/x86_64-linux-gnu
# GCC's private library directory (libgfortran.a, libquadmath.a): from gcc when it is installed, else the
# newest /usr/lib/gcc/x86_64-linux-gnu/N that has libgfortran.a (images with Swift but no gcc driver).
gcc_dir=$(dirname "$(gcc -print-file-name=libgfortran.a 2>/dev/null || echo libgfortran.a)")
if [ "$gcc_dir" = . ]; then
  gcc_dir=$(ls -d /usr/lib/gcc/x86_64-linux-gnu/*/libgfortran.a 2>/dev/null | sort -V | tail -n 1 | xargs -r dirname)
  gcc_dir=${gcc_dir:-/usr/lib/gcc/x86_64-linux-gnu/12}
fi
need() {
  [ -f "$1" ] || { echo "static-link-dir: missing $1 (run scripts/setup.sh; package $2)" >&2; exit 2; }
  printf '%s' "$1"
}
fftw=$(need "$multiarch/libfftw3.a" libfftw3-dev)
protobuf=$(need "$multiarch/libprotobuf-c.a" libprotobuf-c-dev)
lapacke=$(need "$multiarch/liblapacke.a" liblapacke-dev)
openblas=$(need "$multiarch/openblas-pthread/libopenblas.a" libopenblas-pthread-dev)
gfortran=$(need "$gcc_dir/libgfortran.a" libgfortran-12-dev)
quadmath=$(need "$gcc_dir/libquadmath.a" libgcc-12-dev)
mkdir -p "$out/pkgconfig"
out=$(cd "$out" && pwd)
fortran_runtime="$gfortran $quadmath"
printf 'GROUP ( %s )\n' "$fftw" >"$out/libfftw3.so"
printf 'GROUP ( %s )\n' "$protobuf" >"$out/libprotobuf-c.so"
printf 'GROUP ( %s %s %s )\n' "$lapacke" "$openblas" "$fortran_runtime" >"$out/liblapacke.so"
printf 'GROUP ( %s %s )\n' "$openblas" "$fortran_runtime" >"$out/libopenblas.so"
for pc in fftw3 libprotobuf-c lapacke; do
  dir=$(pkg-config --variable=pcfiledir "$pc")
  # Only the library directory changes: the same Cflags keep the compiled objects of the normal flags.
  sed "s|^Libs: -L\${libdir} |Libs: -L$out |" "$dir/$pc.pc" >"$out/pkgconfig/$pc.pc"
  grep -q "^Libs: -L$out " "$out/pkgconfig/$pc.pc" || { echo "static-link-dir: unexpected Libs line in $dir/$pc.pc" >&2; exit 2; }
done
