using Bunit;
using LeadMarket.Web.Components.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Intake;

public sealed class DeskTests : PublisherTestContext
{
    [Fact]
    public async Task Desk_lists_only_the_publishers_own_batches_newest_first_with_links()
    {
        var older = await ListBatchAsync("publisher1", "October roofs", leadCount: 2);
        await ClockPassesAsync(older);
        var newer = await ListBatchAsync("publisher1", "November roofs");
        await ListBatchAsync("publisher2", "Someone else's leads");

        var page = Render<Desk>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='batches'] tbody tr")));
        var links = page.FindAll("[data-testid='batches'] tbody tr a");
        Assert.Equal(["November roofs", "October roofs"], links.Select(a => a.TextContent.Trim()));
        Assert.Equal([$"publisher/batches/{newer}", $"publisher/batches/{older}"], links.Select(a => a.GetAttribute("href")));
        Assert.DoesNotContain("Someone else's leads", page.Markup, StringComparison.Ordinal);
        Assert.Contains("€10.00", page.Find("[data-testid='batches']").TextContent, StringComparison.Ordinal);
    }

    // Batches are ordered by their creation time in milliseconds: make sure the next one is not created in the same one.
    private async Task ClockPassesAsync(Guid batchId)
    {
        await using var db = App.Db();
        var createdAt = await db.Batches.Where(b => b.Id == batchId).Select(b => b.CreatedAt).SingleAsync();
        var time = App.Services.GetRequiredService<TimeProvider>();
        while (time.GetUtcNow().ToUnixTimeMilliseconds() <= createdAt.ToUnixTimeMilliseconds())
        {
            await Task.Delay(1);
        }
    }
}
