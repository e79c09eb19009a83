using LeadMarket.Domain.Auctions;

namespace LeadMarket.Domain.Tests.Support;

/// <summary>Builds lots in a known state: opened at <see cref="Opened"/>, ending <see cref="Runtime"/> later.</summary>
internal static class Lots
{
    public static readonly Guid LotId = new("5d0c3a52-7a0e-4c53-9b8e-0f2f4f3f6a11");

    public static readonly DateTimeOffset Opened = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan Runtime = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(30);

    public static DateTimeOffset EndsAt => Opened + Runtime;

    /// <summary>A moment well inside the running time and well outside the anti-sniping window.</summary>
    public static DateTimeOffset Midway => Opened + TimeSpan.FromMinutes(1);

    public static LotState Exclusive(decimal reserve = 10m, decimal increment = 0.5m, TimeSpan? antiSniping = null) =>
        Create(new AuctionTerms(SaleMode.Exclusive, 1, reserve, increment, antiSniping ?? DefaultWindow));

    public static LotState Shared(int shares, decimal reserve = 10m, decimal increment = 0.5m, TimeSpan? antiSniping = null) =>
        Create(new AuctionTerms(SaleMode.Shared, shares, reserve, increment, antiSniping ?? DefaultWindow));

    private static LotState Create(AuctionTerms terms) => new()
    {
        LotId = LotId,
        Terms = terms,
        EndsAt = EndsAt,
    };
}

/// <summary>Short ways to take decisions on a lot in tests.</summary>
internal static class Bidding
{
    public const decimal AmpleCredit = 1_000_000m;

    public static BidDecision Bid(
        this LotState lot,
        string buyer,
        decimal amount,
        decimal? max = null,
        decimal credit = AmpleCredit,
        DateTimeOffset? at = null) =>
        Auction.Decide(lot, new BidAttempt(buyer, amount, max), credit, at ?? Lots.Midway);

    /// <summary>Places a bid that must be accepted and returns the lot after it.</summary>
    public static LotState Then(this LotState lot, string buyer, decimal amount, decimal? max = null) =>
        lot.Bid(buyer, amount, max).ShouldBeAccepted().After;

    public static BidDecision.Accepted ShouldBeAccepted(this BidDecision decision) =>
        decision as BidDecision.Accepted
        ?? throw new Xunit.Sdk.XunitException($"Expected the bid to be accepted, but it was {decision}.");

    public static BidRejection ShouldBeRejected(this BidDecision decision, BidRejectionCode code)
    {
        var rejected = Assert.IsType<BidDecision.Rejected>(decision);
        Assert.Equal(code, rejected.Reason.Code);
        return rejected.Reason;
    }

    public static Standing Of(this LotState lot, string buyer) =>
        lot.StandingOf(buyer) ?? throw new Xunit.Sdk.XunitException($"{buyer} has no standing on the lot.");

    public static string[] LeaderIds(this LotState lot) => [.. lot.Leaders.Select(l => l.BuyerId)];

    /// <summary>Formats an amount the way rejection messages do.</summary>
    public static string Money(decimal amount) => amount.ToString("0.00", System.Globalization.CultureInfo.CurrentCulture);
}
