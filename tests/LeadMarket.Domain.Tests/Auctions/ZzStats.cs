using FsCheck;
using FsCheck.Fluent;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Tests.Support;
using Xunit.Abstractions;

namespace LeadMarket.Domain.Tests.Auctions;

public class ZzStats(ITestOutputHelper output)
{
    [Fact]
    public void Stats()
    {
        var counts = new Dictionary<string, int>();
        void Inc(string k) => counts[k] = counts.GetValueOrDefault(k) + 1;
        var sharedModelFailures = 0;
        foreach (var s in AuctionScenarios.Any().Sample(3000, 100))
        {
            AuctionRun.Play(s, o =>
            {
                switch (o.Decision)
                {
                    case BidDecision.Rejected r: Inc("rej " + r.Reason.Code); break;
                    case BidDecision.Accepted a:
                        Inc(a.MaximumOnly ? "maxonly" : "visible");
                        if (a.Extended) Inc("extended");
                        if (!a.BidderLeads) Inc("outbid at once");
                        if (a.Bids.Length > 1) Inc("multi bids");
                        if (a.ExposureChanges.Any(c => c.Delta < 0)) Inc("displaced");
                        var lot = a.After;
                        if (lot.Standings.GroupBy(x => x.MaxAmount).Any(g => g.Count() > 1)) Inc("tie maxima");
                        if (lot.Terms.Mode == SaleMode.Shared && lot.Standings.Length > 0)
                        {
                            var expected = lot.Standings.OrderByDescending(x => x.MaxAmount).ThenBy(x => o.MaxSetAtStep[x.BuyerId]).Take(lot.Terms.Shares).Select(x => x.BuyerId).Order();
                            if (!expected.SequenceEqual(lot.Leaders.Select(l => l.BuyerId).Order())) sharedModelFailures++;
                        }
                        break;
                }
            });
        }
        foreach (var kv in counts.OrderBy(k => k.Key)) output.WriteLine($"{kv.Key}: {kv.Value}");
        output.WriteLine($"shared model failures: {sharedModelFailures}");
    }
}
