using Bunit;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Web.Components.Intake;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Intake;

public sealed class BatchOverviewTests : PublisherTestContext
{
    [Fact]
    public async Task Lot_price_and_bid_count_update_live_when_a_buyer_bids()
    {
        var batchId = await ListBatchAsync("publisher1", "Solar roofs November");
        Guid lotId;
        await using (var db = App.Db())
        {
            lotId = await db.Lots.Where(l => l.BatchId == batchId).Select(l => l.Id).SingleAsync();
        }

        var page = Render<BatchOverview>(p => p.Add(c => c.BatchId, batchId));
        page.WaitForAssertion(() => Assert.Equal("—", page.Find($"[data-testid='price-{lotId}']").TextContent.Trim()));
        Assert.Equal("0", page.Find($"[data-testid='bids-{lotId}']").TextContent.Trim());

        var buyerId = await App.UserIdAsync("buyer1");
        var bid = await App.Services.GetRequiredService<BidService>().PlaceBidAsync(new PlaceBidCommand(buyerId, lotId, 12.50m, null, "publisher-desk-test-1"));
        Assert.True(bid.Accepted, bid.Rejection?.ToString());

        page.WaitForAssertion(
            () =>
            {
                Assert.Equal("€12.50", page.Find($"[data-testid='price-{lotId}']").TextContent.Trim());
                Assert.Equal("1", page.Find($"[data-testid='bids-{lotId}']").TextContent.Trim());
            },
            TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("buyer1", page.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(buyerId, page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_publishers_batch_is_not_found()
    {
        var batchId = await ListBatchAsync("publisher2", "Someone else's leads");
        var notFoundRaised = false;
        Services.GetRequiredService<NavigationManager>().OnNotFound += (_, _) => notFoundRaised = true;

        var page = Render<BatchOverview>(p => p.Add(c => c.BatchId, batchId));

        page.WaitForAssertion(() => page.Find("[data-testid='batch-not-found']"));
        Assert.True(notFoundRaised);
        Assert.DoesNotContain("Someone else's leads", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid='lots']"));
    }
}
