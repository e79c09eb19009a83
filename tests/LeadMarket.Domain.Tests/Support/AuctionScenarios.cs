using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using LeadMarket.Domain.Auctions;

namespace LeadMarket.Domain.Tests.Support;

/// <summary>How a step picks its maximum.</summary>
public enum MaxChoice
{
    /// <summary>No proxy maximum: a plain bid.</summary>
    None,

    /// <summary>The amount plus some cents.</summary>
    Above,

    /// <summary>Exactly the maximum of a standing already on the lot (to force ties), or the amount when that is lower.</summary>
    TieWithStanding,

    /// <summary>One cent below the amount: invalid.</summary>
    BelowAmount,

    /// <summary>A tenth of a cent above the amount: invalid.</summary>
    OffGrid,
}

/// <summary>
/// One bid attempt of a generated run. The amount is relative to the lot's minimum bid at that moment, so that most
/// attempts are near the live price (many accepted, some too low) whatever happened before; that also keeps every
/// amount on the 0.01 grid and lets shrinking drop steps freely.
/// </summary>
public sealed record BidStep(int Buyer, int OffsetCents, MaxChoice Max, int MaxCents, int SecondsLater)
{
    public override string ToString() =>
        $"b{Buyer} min{(OffsetCents >= 0 ? "+" : string.Empty)}{OffsetCents}c {Max}({MaxCents}) +{SecondsLater}s";
}

/// <summary>A lot's terms, its buyers' credit limits, and a sequence of bid attempts.</summary>
public sealed record AuctionScenario(
    SaleMode Mode,
    int Shares,
    int ReserveCents,
    int IncrementCents,
    int AntiSnipingSeconds,
    int DurationSeconds,
    IReadOnlyList<int> CreditLimitCents,
    IReadOnlyList<BidStep> Steps)
{
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Mode}x{Shares} reserve {ReserveCents}c inc {IncrementCents}c window {AntiSnipingSeconds}s duration {DurationSeconds}s " +
            $"limits [{string.Join(", ", CreditLimitCents)}] steps [{string.Join("; ", Steps)}]");
}

/// <summary>FsCheck arbitraries for <see cref="AuctionScenario"/>: register with <c>[Property(Arbitrary = [typeof(AuctionScenarios)])]</c>.</summary>
public static class AuctionScenarios
{
    public const int AmpleCreditCents = 100_000_000;

    public static Arbitrary<AuctionScenario> Scenarios() => Arb.From(Any(), Shrink);

    public static Gen<AuctionScenario> Any() => Gen.OneOf(Exclusive(), Shared());

    public static Gen<AuctionScenario> Exclusive() => Lot(Gen.Constant((SaleMode.Exclusive, 1)));

    public static Gen<AuctionScenario> Shared() => Lot(Gen.Choose(1, 5).Select(n => (SaleMode.Shared, n)));

    private static Gen<AuctionScenario> Lot(Gen<(SaleMode Mode, int Shares)> terms) =>
        from t in terms
        from reserve in Gen.Frequency((3, Gen.Choose(1, 2_000)), (1, Gen.Elements(100, 1_000, 5_000)))
        from increment in Gen.Frequency((3, Gen.Choose(1, 150)), (1, Gen.Elements(1, 50, 100, 500)))
        from window in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(1, 30)))
        from duration in Gen.Frequency((1, Gen.Choose(20, 120)), (2, Gen.Choose(121, 900)))
        from buyers in Gen.Choose(2, 7)
        from limits in Gen.ArrayOf(CreditLimit(), buyers)
        from count in Gen.Choose(0, 60)
        from steps in Gen.ArrayOf(Step(buyers), count)
        select new AuctionScenario(t.Mode, t.Shares, reserve, increment, window, duration, limits, steps);

    private static Gen<int> CreditLimit() =>
        Gen.Frequency((3, Gen.Constant(AmpleCreditCents)), (2, Gen.Choose(0, 30_000)));

    private static Gen<BidStep> Step(int buyers) =>
        from buyer in Gen.Choose(0, buyers - 1)
        from offset in Gen.Frequency(
            (2, Gen.Constant(0)),
            (6, Gen.Choose(1, 400)),
            (1, Gen.Choose(-300, -1)),
            (1, Gen.Choose(-100_000, -1_000)))
        from max in Gen.Frequency(
            (3, Gen.Constant(MaxChoice.None)),
            (5, Gen.Constant(MaxChoice.Above)),
            (3, Gen.Constant(MaxChoice.TieWithStanding)),
            (1, Gen.Elements(MaxChoice.BelowAmount, MaxChoice.OffGrid)))
        from maxCents in Gen.Choose(0, 3_000)
        from seconds in Gen.Frequency((3, Gen.Choose(0, 5)), (1, Gen.Choose(6, 40)))
        select new BidStep(buyer, offset, max, maxCents, seconds);

    private static IEnumerable<AuctionScenario> Shrink(AuctionScenario scenario)
    {
        var steps = scenario.Steps;
        if (steps.Count == 0)
        {
            yield break;
        }

        yield return scenario with { Steps = [] };
        if (steps.Count > 1)
        {
            yield return scenario with { Steps = [.. steps.Take(steps.Count / 2)] };
            yield return scenario with { Steps = [.. steps.Skip(steps.Count / 2)] };
        }

        for (var i = steps.Count - 1; i >= 0; i--)
        {
            var index = i;
            yield return scenario with { Steps = [.. steps.Where((_, j) => j != index)] };
        }
    }
}
