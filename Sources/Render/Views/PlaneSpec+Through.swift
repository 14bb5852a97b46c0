import Volume

extension PlaneSpec {
    /// This orientation moved so the plane passes through `point`, its centre the projection of `focus`
    /// onto that plane (so a view centred on a volume's centre still cuts through `point`).
    func through(_ point: Vector3, centredOn focus: Vector3) -> PlaneSpec {
        var copy = self
        let n = normal
        copy.centre = focus - n * (focus - point).dot(n)
        return copy
    }
}
