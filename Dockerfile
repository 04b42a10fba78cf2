# liplint as a container image for CI systems that run images (docs/install.md, "Container image").
# Stage 1 builds the self-contained executable with `make dist` (Swift runtime, FFTW, protobuf-c,
# OpenBLAS/LAPACK and the Fortran runtime linked statically); stage 2 is a slim Debian with only that
# executable, which needs nothing but glibc, libstdc++ and libgcc_s (all in the base image).
#   docker build -t liplint .
#   docker run --rm -v "$PWD:/work" -w /work liplint check models/
ARG SWIFT_IMAGE=swift:6.1-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends make git ca-certificates binutils \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# `make dist` first runs scripts/setup.sh, which installs the Debian packages liplint links.
RUN make dist

FROM ${RUNTIME_IMAGE}
COPY --from=build /src/dist/liplint /usr/local/bin/liplint
# Reports are written as files next to the models: run as the caller's user with `docker run --user`.
WORKDIR /work
ENTRYPOINT ["liplint"]
CMD ["--help"]
