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

/// <summary>Which rule refused a bid, finer than <see cref="BidRejectionCode"/>: what a caller translates the rejection from.</summary>
public enum BidRejectionReason
{
    /// <summary>A rejection built from free text only (<see cref="BidRejection.Invalid"/>, <see cref="BidRejection.NotEligible"/>).</summary>
    Unspecified,
    TooLow,
    LotClosed,
    OverCredit,
    AlreadyLeading,
    InvalidAmount,
    InvalidMaximum,
    OverMarketLimit,
    InvalidClientBidId,
    BidIdReused,
    LotBusy,
    NoSuchLot,
    NoCreditLine,
    NotABuyer,
}

/// <summary>
/// Why a bid was not accepted, in words a buyer can act on. <see cref="Message"/> is the English text; the
/// <see cref="Reason"/> and its figures (<see cref="Amount"/>, <see cref="Limit"/>, <see cref="At"/>) let a caller
/// write the same in the buyer's language.
/// </summary>
public sealed record BidRejection(BidRejectionCode Code, string Message)
{
    public BidRejectionReason Reason { get; init; }

    /// <summary>The amount the rule looked at: the bid, the maximum, the credit needed, the leading bid.</summary>
    public decimal? Amount { get; init; }

    /// <summary>The bound it failed against: the minimum bid, the credit available, the market's limit, the own maximum.</summary>
    public decimal? Limit { get; init; }

    /// <summary>When bidding ended (a closed lot).</summary>
    public DateTimeOffset? At { get; init; }

    public static BidRejection TooLow(decimal amount, decimal minimum) =>
        new(BidRejectionCode.TooLow, Text($"Bid {amount:0.00} is too low: the minimum bid is {minimum:0.00}."))
        { Reason = BidRejectionReason.TooLow, Amount = amount, Limit = minimum };

    public static BidRejection Closed(DateTimeOffset endedAt) =>
        new(BidRejectionCode.LotClosed, Text($"The lot is closed: bidding ended at {endedAt.UtcDateTime:HH:mm:ss} UTC."))
        { Reason = BidRejectionReason.LotClosed, At = endedAt };

    public static BidRejection OverCredit(decimal needed, decimal available) =>
        new(BidRejectionCode.OverCredit, Text($"Over credit: this bid needs {needed:0.00} of credit but only {available:0.00} is available after your open bids."))
        { Reason = BidRejectionReason.OverCredit, Amount = needed, Limit = available };

    public static BidRejection AlreadyLeading(decimal amount, decimal maximum) =>
        new(BidRejectionCode.AlreadyLeading, Text($"You already lead this lot at {amount:0.00} with a maximum of {maximum:0.00}; to bid higher, set a maximum above it."))
        { Reason = BidRejectionReason.AlreadyLeading, Amount = amount, Limit = maximum };

    public static BidRejection InvalidAmount(decimal amount) =>
        new(BidRejectionCode.Invalid, Text($"Amount {amount} is not valid: enter a positive amount with at most two decimals."))
        { Reason = BidRejectionReason.InvalidAmount, Amount = amount };

    public static BidRejection InvalidMaximum(decimal maximum, decimal amount) =>
        new(BidRejectionCode.Invalid, Text($"Maximum {maximum} is not valid: it must be at least the bid {amount:0.00} with at most two decimals."))
        { Reason = BidRejectionReason.InvalidMaximum, Amount = maximum, Limit = amount };

    public static BidRejection OverMarketLimit(decimal limit) =>
        new(BidRejectionCode.Invalid, Text($"Amount is over the market's limit of {limit:0.00} per bid."))
        { Reason = BidRejectionReason.OverMarketLimit, Limit = limit };

    public static BidRejection InvalidClientBidId(int maxLength) =>
        new(BidRejectionCode.Invalid, Text($"clientBidId must be 1 to {maxLength} characters."))
        { Reason = BidRejectionReason.InvalidClientBidId, Limit = maxLength };

    public static BidRejection BidIdReused() =>
        new(BidRejectionCode.Invalid, "This bid id was already used.") { Reason = BidRejectionReason.BidIdReused };

    public static BidRejection LotBusy() =>
        new(BidRejectionCode.Invalid, "The lot is too busy right now; please bid again.") { Reason = BidRejectionReason.LotBusy };

    public static BidRejection NoSuchLot() => NotEligible("there is no such lot.") with { Reason = BidRejectionReason.NoSuchLot };

    public static BidRejection NoCreditLine() =>
        NotEligible("only buyer accounts with a credit line can bid.") with { Reason = BidRejectionReason.NoCreditLine };

    public static BidRejection NotABuyer() => NotEligible("sign in as a buyer to bid.") with { Reason = BidRejectionReason.NotABuyer };

    public static BidRejection NotEligible(string why) => new(BidRejectionCode.NotEligible, $"Not eligible: {why}");

    public static BidRejection Invalid(string why) => new(BidRejectionCode.Invalid, why);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
