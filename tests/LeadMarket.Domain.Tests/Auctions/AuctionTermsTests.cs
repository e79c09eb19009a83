using LeadMarket.Domain.Auctions;

namespace LeadMarket.Domain.Tests.Auctions;

public class AuctionTermsTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Exclusive_lot_must_have_exactly_one_share(int shares)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AuctionTerms(SaleMode.Exclusive, shares, 10m, 0.5m, Window));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(11)]
    public void Shared_lot_has_between_one_and_ten_shares(int shares)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AuctionTerms(SaleMode.Shared, shares, 10m, 0.5m, Window));
    }

    [Fact]
    public void Shared_lot_with_ten_shares_is_allowed()
    {
        var terms = new AuctionTerms(SaleMode.Shared, 10, 10m, 0.5m, Window);

        Assert.Equal(10, terms.Shares);
        Assert.Equal(SaleMode.Shared, terms.Mode);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("9.999")]
    public void Reserve_price_must_be_positive_on_the_cent_grid(string reserve)
    {
        var value = decimal.Parse(reserve, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Throws<ArgumentOutOfRangeException>(() => new AuctionTerms(SaleMode.Exclusive, 1, value, 0.5m, Window));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.5")]
    [InlineData("0.005")]
    public void Increment_must_be_positive_on_the_cent_grid(string increment)
    {
        var value = decimal.Parse(increment, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Throws<ArgumentOutOfRangeException>(() => new AuctionTerms(SaleMode.Exclusive, 1, 10m, value, Window));
    }

    [Fact]
    public void Anti_sniping_window_cannot_be_negative()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AuctionTerms(SaleMode.Exclusive, 1, 10m, 0.5m, TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void Terms_keep_what_they_were_given()
    {
        var terms = new AuctionTerms(SaleMode.Exclusive, 1, 12.34m, 0.01m, TimeSpan.Zero);

        Assert.Equal((SaleMode.Exclusive, 1, 12.34m, 0.01m, TimeSpan.Zero), (terms.Mode, terms.Shares, terms.ReservePrice, terms.Increment, terms.AntiSnipingWindow));
    }
}
