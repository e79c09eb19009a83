using LeadMarket.Domain.Auctions;

namespace LeadMarket.Domain.Tests.Support;

/// <summary>What one step of a generated run did, with the run's running totals after it.</summary>
internal sealed record Observation(
    int Index,
    BidStep Step,
    BidAttempt Attempt,
    decimal CreditLimit,
    decimal AvailableCredit,
    DateTimeOffset Now,
    LotState Before,
    BidDecision Decision,
    long VisibleBidsSoFar,
    IReadOnlyDictionary<string, decimal> ExposureTotals,
    IReadOnlyDictionary<string, int> MaxSetAtStep,
    IReadOnlyDictionary<string, decimal> LastOwnAmount)
{
    /// <summary>The lot after this step: the new state when accepted, the unchanged one when rejected.</summary>
    public LotState After => Decision is BidDecision.Accepted a ? a.After : Before;

    /// <summary>The maximum the attempt asks for: the proxy maximum, or the amount for a plain bid.</summary>
    public decimal RequestedMax => Math.Max(Attempt.Amount, Attempt.MaxAmount ?? Attempt.Amount);
}

internal sealed record RunResult(LotState Lot, DateTimeOffset Now, long VisibleBids, IReadOnlyDictionary<string, decimal> ExposureTotals);

/// <summary>Plays an <see cref="AuctionScenario"/> against <see cref="Auction.Decide"/>, one step at a time.</summary>
internal static class AuctionRun
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static string BuyerId(int index) => $"buyer-{index}";

    public static LotState OpenLot(AuctionScenario scenario) => new()
    {
        LotId = Lots.LotId,
        Terms = new AuctionTerms(
            scenario.Mode,
            scenario.Shares,
            scenario.ReserveCents / 100m,
            scenario.IncrementCents / 100m,
            TimeSpan.FromSeconds(scenario.AntiSnipingSeconds)),
        EndsAt = Start.AddSeconds(scenario.DurationSeconds),
    };

    public static RunResult Play(AuctionScenario scenario, Action<Observation> observe)
    {
        var lot = OpenLot(scenario);
        var now = Start;
        long visible = 0;
        var exposure = new Dictionary<string, decimal>();
        var maxSetAt = new Dictionary<string, int>();
        var ownAmount = new Dictionary<string, decimal>();

        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            var step = scenario.Steps[i];
            now = now.AddSeconds(step.SecondsLater);
            var buyer = BuyerId(step.Buyer);
            var amount = lot.MinimumBid + (step.OffsetCents / 100m);
            var attempt = new BidAttempt(buyer, amount, MaxFor(step, lot, amount));
            var limit = scenario.CreditLimitCents[step.Buyer] / 100m;
            var available = limit - lot.ReservedBy(buyer);

            var decision = Auction.Decide(lot, attempt, available, now);

            if (decision is BidDecision.Accepted accepted)
            {
                visible += accepted.Bids.Length;
                foreach (var change in accepted.ExposureChanges)
                {
                    exposure[change.BuyerId] = exposure.GetValueOrDefault(change.BuyerId) + change.Delta;
                }

                maxSetAt[buyer] = i;
                if (!accepted.MaximumOnly)
                {
                    ownAmount[buyer] = amount;
                }
            }

            observe(new Observation(i, step, attempt, limit, available, now, lot, decision, visible, exposure, maxSetAt, ownAmount));

            if (decision is BidDecision.Accepted next)
            {
                lot = next.After;
            }
        }

        return new RunResult(lot, now, visible, exposure);
    }

    private static decimal? MaxFor(BidStep step, LotState lot, decimal amount) => step.Max switch
    {
        MaxChoice.None => null,
        MaxChoice.Above => amount + (step.MaxCents / 100m),
        MaxChoice.TieWithStanding when lot.Standings.IsEmpty => amount,
        MaxChoice.TieWithStanding => Math.Max(amount, lot.Ranked.ElementAt(step.MaxCents % lot.Standings.Length).MaxAmount),
        MaxChoice.BelowAmount => amount - 0.01m,
        MaxChoice.OffGrid => amount + 0.001m,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step.Max, "Unknown maximum choice."),
    };

    public static bool OnCentGrid(decimal value) => decimal.Round(value, 2) == value;

    /// <summary>The rejection the rules of DESIGN.md §3 call for, or null when the bid must be accepted.</summary>
    public static BidRejectionCode? ExpectedRejection(Observation o)
    {
        var lot = o.Before;
        var attempt = o.Attempt;
        if (lot.Status != LotStatus.Open || o.Now >= lot.EndsAt)
        {
            return BidRejectionCode.LotClosed;
        }

        if (attempt.Amount <= 0 || !OnCentGrid(attempt.Amount)
            || attempt.MaxAmount is { } max && (max < attempt.Amount || !OnCentGrid(max)))
        {
            return BidRejectionCode.Invalid;
        }

        if (lot.IsLeading(attempt.BuyerId))
        {
            var ownMax = lot.StandingOf(attempt.BuyerId)!.MaxAmount;
            if (o.RequestedMax <= ownMax)
            {
                return BidRejectionCode.AlreadyLeading;
            }

            return o.RequestedMax - ownMax > o.AvailableCredit ? BidRejectionCode.OverCredit : null;
        }

        if (attempt.Amount < lot.MinimumBid)
        {
            return BidRejectionCode.TooLow;
        }

        return o.RequestedMax > o.AvailableCredit ? BidRejectionCode.OverCredit : null;
    }
}
