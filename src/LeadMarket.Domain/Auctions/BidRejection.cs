using System.Globalization;

namespace LeadMarket.Domain.Auctions;

public enum BidRejectionCode
{
    Invalid,
    TooLow,
    LotClosed,
    OverCredit,
    NotEligible,
    AlreadyLeading,
}

/// <summary>Why a bid was not accepted, in words a buyer can act on.</summary>
public sealed record BidRejection(BidRejectionCode Code, string Message)
{
    public static BidRejection TooLow(decimal amount, decimal minimum) =>
        new(BidRejectionCode.TooLow, string.Create(CultureInfo.InvariantCulture, $"Bid {amount:0.00} is too low: the minimum bid is {minimum:0.00}."));

    public static BidRejection Closed(DateTimeOffset endedAt) =>
        new(BidRejectionCode.LotClosed, string.Create(CultureInfo.InvariantCulture, $"The lot is closed: bidding ended at {endedAt.UtcDateTime:HH:mm:ss} UTC."));

    public static BidRejection OverCredit(decimal needed, decimal available) =>
        new(BidRejectionCode.OverCredit, string.Create(CultureInfo.InvariantCulture, $"Over credit: this bid needs {needed:0.00} of credit but only {available:0.00} is available after your open bids."));

    public static BidRejection NotEligible(string why) => new(BidRejectionCode.NotEligible, $"Not eligible: {why}");

    public static BidRejection Invalid(string why) => new(BidRejectionCode.Invalid, why);
}
