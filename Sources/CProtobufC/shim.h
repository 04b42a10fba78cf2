#ifndef LIPLINT_CPROTOBUFC_SHIM_H
#define LIPLINT_CPROTOBUFC_SHIM_H
#include <protobuf-c/protobuf-c.h>
#endif
