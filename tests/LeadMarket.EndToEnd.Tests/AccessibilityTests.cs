using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace LeadMarket.EndToEnd.Tests;

/// <summary>axe-core over every page of the app, per role: nothing serious or critical.</summary>
public sealed class AccessibilityTests(BrowserFixture browsers) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Password = "Test!Pass2026";

    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private MarketApplication app = null!;

    public Task InitializeAsync()
    {
        app = new MarketApplication(time: clock);
        _ = app.ServerAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task The_anonymous_pages_have_no_serious_accessibility_violations()
    {
        var page = await NewPageAsync(null);
        var found = new List<string>();
        await CheckAsync(page, "/", found, interactive: true);
        await CheckAsync(page, "/Account/Login", found, interactive: false);
        await CheckAsync(page, "/Account/Register", found, interactive: false);
        await CheckAsync(page, "/no-such-page", found, interactive: false);
        AssertNone(found);
    }

    [Fact]
    public async Task The_buyer_pages_have_no_serious_accessibility_violations()
    {
        var lots = await TestListings.ListLotsAsync(app.Services, count: 3, reserve: 10m, durationSeconds: 600, room: "solar", batchName: "Axe batch");
        var shared = await TestListings.ListLotAsync(app.Services, mode: SaleMode.Shared, shares: 2, reserve: 10m, durationSeconds: 600, room: "solar", batchName: "Axe shared");
        var bought = lots[0];
        var bids = app.Services.GetRequiredService<BidService>();
        var buyer = await app.UserIdAsync("buyer1");
        Assert.True((await bids.PlaceBidAsync(new PlaceBidCommand(buyer, bought.LotId, 12m, null, null))).Accepted);
        Assert.True((await bids.PlaceBidAsync(new PlaceBidCommand(buyer, shared.LotId, 12m, null, null))).Accepted);
        await CloseAsync(bought.LotId);
        await TestListings.ListLotsAsync(app.Services, count: 2, reserve: 10m, durationSeconds: 600, room: "solar", batchName: "Axe open batch");

        var page = await NewPageAsync("test-buyer-1@tests.local");
        var found = new List<string>();
        await CheckAsync(page, "/rooms", found);
        await CheckAsync(page, $"/rooms/{bought.RoomId}", found, ready: "[data-testid=lot-card]");
        await CheckAsync(page, "/my-leads", found, ready: ".mud-table-body .mud-table-row");
        await CheckAsync(page, $"/my-leads/{bought.LeadId}", found);
        await CheckAsync(page, $"/my-leads/{Guid.NewGuid()}", found);
        await CheckAsync(page, "/integrations", found);
        AssertNone(found);
    }

    [Fact]
    public async Task The_publisher_pages_have_no_serious_accessibility_violations()
    {
        var lot = await TestListings.ListLotAsync(app.Services, reserve: 15m, durationSeconds: 600, room: "solar", batchName: "Axe publisher batch");
        var page = await NewPageAsync("test-publisher-1@tests.local");
        var found = new List<string>();
        await CheckAsync(page, "/publisher", found, ready: ".mud-table-body .mud-table-row");
        await CheckAsync(page, "/publisher/batches/new", found);
        await CheckAsync(page, $"/publisher/batches/{lot.BatchId}", found, ready: ".mud-table-body .mud-table-row");
        AssertNone(found);
    }

    [Fact]
    public async Task The_admin_pages_have_no_serious_accessibility_violations()
    {
        var page = await NewPageAsync("test-admin@tests.local");
        var found = new List<string>();
        await CheckAsync(page, "/admin", found);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Accounts" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Accounts" })).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(page.Locator(".mud-table")).Not.ToHaveCountAsync(0);
        found.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => $"/admin (accounts): {v}"));
        AssertNone(found);
    }

    [Fact]
    public async Task The_account_pages_have_no_serious_accessibility_violations()
    {
        var page = await NewPageAsync("test-buyer-2@tests.local");
        var found = new List<string>();
        foreach (var path in new[] { "/Account/Manage", "/Account/Manage/Email", "/Account/Manage/ChangePassword", "/Account/Manage/TwoFactorAuthentication", "/Account/Manage/Passkeys", "/Account/Manage/PersonalData", "/Account/Manage/DeletePersonalData" })
        {
            await CheckAsync(page, path, found, interactive: false);
        }

        AssertNone(found);
    }

    private static void AssertNone(List<string> found) =>
        Assert.True(found.Count == 0, "axe found serious or critical violations:\n" + string.Join("\n", found));

    private async Task<IPage> NewPageAsync(string? email)
    {
        var context = await browsers.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        if (email is not null)
        {
            await new LoginPage(page, app.ServerAddress).LogInAsync(email, Password);
        }

        return page;
    }

    /// <param name="ready">What shows once the page has loaded its data (a room's cards, a table's rows).</param>
    private static async Task CheckAsync(IPage page, string path, List<string> found, bool interactive = true, string? ready = null)
    {
        await page.GotoAsync(path);
        if (interactive)
        {
            await Shell.WaitUntilInteractiveAsync(page);
        }

        if (ready is not null)
        {
            await Assertions.Expect(page.Locator(ready)).Not.ToHaveCountAsync(0, new() { Timeout = 15_000 });
        }

        // Every page names itself in a heading; the circuit may still be drawing it.
        try
        {
            await page.Locator("h1").First.WaitForAsync(new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            found.Add($"{path}: no h1");
        }

        found.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => $"{path}: {v}"));
    }

    private async Task CloseAsync(Guid lotId)
    {
        await using (var db = app.Db())
        {
            var endsAt = await db.Lots.Where(l => l.Id == lotId).Select(l => l.EndsAt).SingleAsync();
            clock.Advance(endsAt - clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        }

        await Eventually.TrueAsync(
            async () =>
            {
                clock.Advance(LotClosingWorker.Interval);
                await using var db = app.Db();
                return await db.Purchases.AnyAsync(p => p.LotId == lotId);
            },
            "the closing worker to settle the lot");
    }
}
