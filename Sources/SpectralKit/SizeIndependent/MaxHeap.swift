/// A binary max-heap ordered by a `Double` priority (best-first branch and bound).
struct MaxHeap<Element> {
    private var items: [(priority: Double, element: Element)] = []

    var isEmpty: Bool { items.isEmpty }
    var count: Int { items.count }
    /// The largest priority, or `nil` when empty.
    var topPriority: Double? { items.first?.priority }

    mutating func push(_ element: Element, priority: Double) {
        items.append((priority, element))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard items[parent].priority < items[i].priority else { break }
            items.swapAt(parent, i)
            i = parent
        }
    }

    mutating func pop() -> (priority: Double, element: Element)? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var i = 0
        while true {
            let (l, r) = (2 * i + 1, 2 * i + 2)
            var m = i
            if l < items.count && items[l].priority > items[m].priority { m = l }
            if r < items.count && items[r].priority > items[m].priority { m = r }
            guard m != i else { break }
            items.swapAt(i, m)
            i = m
        }
        return top
    }

    /// All elements, in no particular order.
    var elements: [(priority: Double, element: Element)] { items }
}
