using FsCheck.Xunit;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;

namespace LeadMarket.Domain.Tests.Auctions;

/// <summary>The listing checks report exactly the terms the auction rules would refuse to build a lot from.</summary>
public class ListingTermsTests
{
    [Fact]
    public void Sound_terms_have_no_errors()
    {
        Assert.Empty(ListingTerms.Check("November solar", SaleMode.Shared, 3, 12.50m, 3600));
    }

    [Fact]
    public void Each_broken_term_is_reported_on_its_own_field()
    {
        var errors = ListingTerms.Check(" ", SaleMode.Exclusive, 2, 0m, 10);

        Assert.Equal(["name", "shares", "reservePrice", "durationSeconds"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Equal(0, e.Row));
        Assert.Equal(FieldErrorCodes.MissingField, errors[0].Code);
    }

    [Theory]
    [InlineData(29, false)]
    [InlineData(30, true)]
    [InlineData(7 * 24 * 3600, true)]
    [InlineData(7 * 24 * 3600 + 1, false)]
    public void A_lot_runs_between_thirty_seconds_and_seven_days(long seconds, bool allowed)
    {
        Assert.Equal(allowed, ListingTerms.Check("Batch", SaleMode.Exclusive, 1, 10m, seconds).Count == 0);
    }

    [Property(MaxTest = 500)]
    public bool Terms_pass_the_check_exactly_when_a_lot_can_be_built_on_them(bool exclusive, int shares, int reserveCents)
    {
        var mode = exclusive ? SaleMode.Exclusive : SaleMode.Shared;
        shares = shares % 13;
        var reserve = (reserveCents % 200_000_000) / 100m;
        var reported = ListingTerms.Check("Batch", mode, shares, reserve, 600).Count > 0;
        bool refused;
        try
        {
            _ = new AuctionTerms(mode, shares, reserve, 0.5m, TimeSpan.FromSeconds(30));
            refused = false;
        }
        catch (ArgumentOutOfRangeException)
        {
            refused = true;
        }

        return reported == refused;
    }
}
