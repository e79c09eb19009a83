using System.Text.RegularExpressions;
using LeadMarket.Domain.Auctions;

namespace LeadMarket.Domain.Tests.Auctions;

public partial class BidderAliasTests
{
    private static readonly Guid Lot = new("8f6c2a1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b");

    [GeneratedRegex(@"^[A-Z][a-z]+ \d{4}$")]
    private static partial Regex AliasShape();

    [Fact]
    public void Alias_is_stable_for_the_same_lot_and_buyer()
    {
        Assert.Equal(BidderAlias.For(Lot, "buyer-1"), BidderAlias.For(Lot, "buyer-1"));
    }

    [Fact]
    public void Alias_is_an_animal_and_three_digits_and_never_the_buyer_id()
    {
        var alias = BidderAlias.For(Lot, "buyer1@demo.local");

        Assert.Matches(AliasShape(), alias);
        Assert.DoesNotContain("buyer1", alias, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Aliases are worked out again wherever a lot is shown, so a release must not rename bidders in a running
    /// auction. Values from SHA-256 of "lot:buyer" in UTF-8, as every release so far has computed them (also past
    /// the stack buffer, and with letters that take two bytes).
    /// </summary>
    [Theory]
    [InlineData("buyer1@demo.local", "Marten 6003")]
    [InlineData("käufer-ü-7", "Stoat 2893")]
    [InlineData(null, "Heron 3670")] // a 300-character buyer id
    public void Alias_values_do_not_change_between_releases(string? buyerId, string expected)
    {
        Assert.Equal(expected, BidderAlias.For(Lot, buyerId ?? new string('b', 300)));
    }

    [Fact]
    public void Same_buyer_shows_under_different_aliases_on_different_lots()
    {
        var aliases = Enumerable.Range(0, 20)
            .Select(i => BidderAlias.For(new Guid(i + 1, 0, 0, new byte[8]), "buyer-1"))
            .Distinct()
            .Count();

        Assert.True(aliases >= 15, $"only {aliases} distinct aliases over 20 lots");
    }

    [Fact]
    public void Different_buyers_on_one_lot_usually_get_different_aliases()
    {
        var aliases = Enumerable.Range(0, 20).Select(i => BidderAlias.For(Lot, $"buyer-{i}")).Distinct().Count();

        Assert.True(aliases >= 15, $"only {aliases} distinct aliases for 20 buyers");
    }
}
