/// The Wilson score interval for a binomial proportion: a confidence interval for a failure rate that stays inside
/// [0, 1] and behaves well for rare failures and small samples, unlike the normal approximation.
public struct WilsonInterval: Sendable, Equatable, Codable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// The interval for `failures` out of `trials` at the confidence whose two-sided normal quantile is `z`
    /// (1.959964 for 95%). With no trials the interval is the whole of [0, 1].
    public init(failures: Int, trials: Int, z: Double = 1.959_963_984_540_054) {
        precondition(failures >= 0 && failures <= trials, "failures must lie in 0...trials")
        self.init(rate: trials == 0 ? 0 : Double(failures) / Double(trials), trials: Double(trials), z: z)
    }

    /// The interval for an observed `rate` over a possibly fractional number of `trials`: what the same rate would
    /// give with more (scaled) evidence, which is how a policy says how much more evidence it needs.
    public init(rate p: Double, trials n: Double, z: Double = 1.959_963_984_540_054) {
        precondition((0...1).contains(p) && n >= 0, "a rate lies in 0...1 over a non-negative number of trials")
        guard n > 0 else {
            lower = 0
            upper = 1
            return
        }
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let halfWidth = z * ((p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()) / denominator
        lower = p == 0 ? 0 : max(0, centre - halfWidth)
        upper = p == 1 ? 1 : min(1, centre + halfWidth)
    }
}
