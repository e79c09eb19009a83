namespace LeadMarket.Domain.Auctions;

/// <summary>The fixed terms a lot is listed under.</summary>
public sealed record AuctionTerms
{
    public AuctionTerms(SaleMode mode, int shares, decimal reservePrice, decimal increment, TimeSpan antiSnipingWindow)
    {
        if (mode == SaleMode.Exclusive && shares != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(shares), shares, "An exclusive lot has exactly one share.");
        }

        if (shares is < 1 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(shares), shares, "A lot has between 1 and 10 shares.");
        }

        if (reservePrice <= 0 || decimal.Round(reservePrice, 2) != reservePrice)
        {
            throw new ArgumentOutOfRangeException(nameof(reservePrice), reservePrice, "The reserve price must be positive with at most two decimals.");
        }

        if (increment <= 0 || decimal.Round(increment, 2) != increment)
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
}
