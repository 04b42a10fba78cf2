/// A raw pointer handed to the workers of a `ConcurrentLoop`.
///
/// `@unchecked Sendable` is sound under the rule every user follows: the memory is owned by the caller and
/// outlives the loop (which returns only after every worker has finished), and concurrent workers write
/// disjoint index ranges (reads of ranges nobody writes during the loop are free).
struct SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    let count: Int

    init(_ base: UnsafeMutablePointer<Element>, count: Int) {
        self.base = base
        self.count = count
    }

    subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}

/// Heap storage for `count` values of a trivial type, zero-initialized, freed with the object. Used for
/// scratch space that is reused across calls (Lanczos bases, im2col blocks) without Array's
/// copy-on-write checks in the inner loops.
final class ScratchArray<Element: BitwiseCopyable> {
    let base: UnsafeMutablePointer<Element>
    let count: Int

    init(count: Int, zero: Element) {
        self.count = count
        base = UnsafeMutablePointer<Element>.allocate(capacity: max(1, count))
        base.initialize(repeating: zero, count: max(1, count))
    }

    deinit {
        base.deallocate()
    }

    var shared: SharedBuffer<Element> { SharedBuffer(base, count: count) }
}
