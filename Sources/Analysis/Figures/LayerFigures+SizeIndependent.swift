extension LayerFigures {
    /// These figures with the size-independent ones (`asymptotic`, `closedForm`, `fantasticFour`, `gram`,
    /// `reshaped`, and a dense layer's `denseNorm`) taken from `other`, the size-dependent ones kept.
    public func replacingSizeIndependent(with other: LayerFigures) -> LayerFigures {
        var f = self
        f.asymptotic = other.asymptotic
        f.closedForm = other.closedForm
        f.fantasticFour = other.fantasticFour
        f.gram = other.gram
        f.reshaped = other.reshaped
        f.denseNorm = other.denseNorm
        return f
    }
}
