namespace LeadMarket.Domain.Auctions;

/// <summary>
/// The fixed terms a lot is listed under. The share and price rules are stated once, here: the constructor throws
/// on terms that break them, and <see cref="ListingTerms.Check"/> reports the same rules as field errors.
/// </summary>
public sealed record AuctionTerms
{
    public const int MaxShares = 10;

    /// <summary>The highest price (reserve, bid or maximum) the market takes.</summary>
    public const decimal MaxPrice = 1_000_000m;

    public AuctionTerms(SaleMode mode, int shares, decimal reservePrice, decimal increment, TimeSpan antiSnipingWindow)
    {
        if (!IsExclusiveShareCount(mode, shares))
        {
            throw new ArgumentOutOfRangeException(nameof(shares), shares, ExclusiveSharesMessage);
        }

        if (!IsShareCount(shares))
        {
            throw new ArgumentOutOfRangeException(nameof(shares), shares, SharesMessage);
        }

        if (!IsPrice(reservePrice))
        {
            throw new ArgumentOutOfRangeException(nameof(reservePrice), reservePrice, ReserveMessage);
        }

        if (!IsPrice(increment))
        {
            throw new ArgumentOutOfRangeException(nameof(increment), increment, "The increment must be positive with at most two decimals.");
        }

        if (antiSnipingWindow < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(antiSnipingWindow), antiSnipingWindow, "The anti-sniping window cannot be negative.");
        }

        Mode = mode;
        Shares = shares;
        ReservePrice = reservePrice;
        Increment = increment;
        AntiSnipingWindow = antiSnipingWindow;
    }

    public SaleMode Mode { get; }

    public int Shares { get; }

    public decimal ReservePrice { get; }

    public decimal Increment { get; }

    /// <summary>A bid accepted with less than this left on the clock moves the end to now + this window.</summary>
    public TimeSpan AntiSnipingWindow { get; }

    internal const string ExclusiveSharesMessage = "An exclusive lot has exactly one share.";
    internal const string SharesMessage = "A lot has between 1 and 10 shares.";
    internal const string ReserveMessage = "The reserve price must be a positive amount up to 1,000,000.00 with at most two decimals.";

    /// <summary>An exclusive lot has exactly one share; a shared lot any count <see cref="IsShareCount"/> allows.</summary>
    internal static bool IsExclusiveShareCount(SaleMode mode, int shares) => mode != SaleMode.Exclusive || shares == 1;

    internal static bool IsShareCount(int shares) => shares is >= 1 and <= MaxShares;

    /// <summary>A price on the cent grid, above zero and at most <see cref="MaxPrice"/>.</summary>
    internal static bool IsPrice(decimal price) => price > 0 && price <= MaxPrice && decimal.Round(price, 2) == price;
}
