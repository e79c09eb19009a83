using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LeadMarket.Domain.Accounts;

namespace LeadMarket.Domain.Tests.Accounts;

public class CreditLineTests
{
    private static Gen<decimal> Cents => Gen.Choose(0, 2_000_000).Select(c => c / 100m);

    private static Arbitrary<(decimal Limit, decimal Used, decimal Exposure, decimal Extra)> Lines => Arb.From(
        from limit in Cents
        from used in Cents
        from exposure in Cents
        from extra in Cents
        select (limit, used, exposure, extra));

    [Fact]
    public void Available_credit_is_the_limit_less_used_credit_and_exposure()
    {
        var line = new CreditLine(Limit: 5_000m, Used: 1_200m, Exposure: 300.50m);

        Assert.Equal(3_499.50m, line.Available);
        Assert.Equal(1_500.50m, line.Committed);
    }

    [Fact]
    public void Available_credit_goes_negative_when_a_settlement_overran_the_limit()
    {
        Assert.Equal(-50m, new CreditLine(100m, 150m, 0m).Available);
    }

    [Property(MaxTest = 500)]
    public Property More_exposure_fits_exactly_when_it_is_at_most_the_available_credit() =>
        Prop.ForAll(Lines, l =>
        {
            var line = new CreditLine(l.Limit, l.Used, l.Exposure);
            Assert.Equal(l.Extra <= line.Available, line.CanHold(l.Extra));
        });

    [Property(MaxTest = 500)]
    public Property A_limit_may_be_set_exactly_when_it_covers_what_is_committed() =>
        Prop.ForAll(Lines, l =>
        {
            var line = new CreditLine(l.Limit, l.Used, l.Exposure);
            Assert.Equal(l.Extra >= l.Used + l.Exposure, line.AllowsLimit(l.Extra));
            if (line.AllowsLimit(l.Extra))
            {
                Assert.True((line with { Limit = l.Extra }).Available >= 0);
            }
        });

    [Fact]
    public void A_negative_limit_is_never_allowed()
    {
        Assert.False(new CreditLine(0m, 0m, 0m).AllowsLimit(-0.01m));
    }
}
