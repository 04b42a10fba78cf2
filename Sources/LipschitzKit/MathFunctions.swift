#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The C math functions the rules use, behind one import.
enum CMath {
    static func pow(_ x: Double, _ y: Double) -> Double { Glibc_pow(x, y) }
    static func exp(_ x: Double) -> Double { Glibc_exp(x) }
    static func log(_ x: Double) -> Double { Glibc_log(x) }
    static func log1p(_ x: Double) -> Double { Glibc_log1p(x) }
    static func tanh(_ x: Double) -> Double { Glibc_tanh(x) }
    static func erf(_ x: Double) -> Double { Glibc_erf(x) }
    static func sqrt(_ x: Double) -> Double { x.squareRoot() }
}

private func Glibc_pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
private func Glibc_exp(_ x: Double) -> Double { exp(x) }
private func Glibc_log(_ x: Double) -> Double { log(x) }
private func Glibc_log1p(_ x: Double) -> Double { log1p(x) }
private func Glibc_tanh(_ x: Double) -> Double { tanh(x) }
private func Glibc_erf(_ x: Double) -> Double { erf(x) }
