using System.Net;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace LeadMarket.EndToEnd.Tests;

/// <summary>Two buyers in two browsers in one room, on the real app over Kestrel loopback.</summary>
public sealed class LiveRoomTests(BrowserFixture browsers) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Password = TestAccounts.Password;

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
    public async Task A_bid_in_one_browser_shows_in_the_other_within_two_seconds_and_only_the_winner_unlocks_the_lead()
    {
        var (roomId, lotId, leadId, email) = await ListOneLotAsync();

        await using var contextA = await browsers.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        await using var contextB = await browsers.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        var pageA = await contextA.NewPageAsync();
        var pageB = await contextB.NewPageAsync();
        await new LoginPage(pageA, app.ServerAddress).LogInAsync(TestAccounts.Buyer1.Email, Password);
        await new LoginPage(pageB, app.ServerAddress).LogInAsync(TestAccounts.Buyer2.Email, Password);

        var roomA = new RoomPage(pageA, app.ServerAddress);
        var roomB = new RoomPage(pageB, app.ServerAddress);
        await roomA.OpenAsync(roomId);
        await roomB.OpenAsync(roomId);
        await Assertions.Expect(roomB.Card(lotId)).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(roomB.Card(lotId).GetByRole(AriaRole.Button, new() { Name = "Bid", Exact = true })).ToBeEnabledAsync(new() { Timeout = 15_000 });

        // A bids; B's page shows the new price without a reload, within 2 s.
        await roomA.BidAsync(lotId, 14.50m);
        await Assertions.Expect(roomB.Price(lotId)).ToHaveTextAsync(RoomPage.Amount(14.50m), new() { Timeout = 2_000 });
        await Assertions.Expect(roomA.Result(lotId)).ToContainTextAsync("lead", new() { Timeout = 5_000, IgnoreCase = true });

        // Time runs out: the closing worker settles the lot, and A has won it.
        clock.Advance(TimeSpan.FromMinutes(11));
        await Eventually.TrueAsync(
            async () =>
            {
                await using var db = app.Db();
                return await db.Purchases.AnyAsync(p => p.LotId == lotId && p.UnlockedAt != null);
            },
            "the closing worker to settle the lot and the outbox to unlock the purchase");

        // A finds the full lead under My leads.
        await pageA.GotoAsync("/my-leads");
        await Shell.WaitUntilInteractiveAsync(pageA);
        await pageA.GetByRole(AriaRole.Row).Filter(new() { HasText = "Quote for a 12 kWp solar roof" }).GetByRole(AriaRole.Link, new() { Name = "Open" }).ClickAsync();
        await pageA.WaitForURLAsync(url => new Uri(url).AbsolutePath.Equals($"/my-leads/{leadId}", StringComparison.OrdinalIgnoreCase));
        await Assertions.Expect(pageA.GetByText(email)).ToBeVisibleAsync(new() { Timeout = 10_000 });

        // B gets 404 for it: from the API with B's key, and the page shows nothing of it.
        using var apiB = app.ApiClient("buyer2");
        Assert.Equal(HttpStatusCode.NotFound, (await apiB.GetAsync($"/api/v1/leads/{leadId}")).StatusCode);
        using var apiA = app.ApiClient("buyer1");
        Assert.Equal(HttpStatusCode.OK, (await apiA.GetAsync($"/api/v1/leads/{leadId}")).StatusCode);
        await pageB.GotoAsync($"/my-leads/{leadId}");
        await Assertions.Expect(pageB.GetByText(email)).ToHaveCountAsync(0);
        await Assertions.Expect(pageB.GetByText("not found", new() { Exact = false })).Not.ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Once_a_lots_time_is_up_its_bid_form_takes_no_more_bids_while_the_close_is_pending()
    {
        // The market's clock stands still here (moved by hand to 8 s before the end), so the server keeps the lot open
        // while the browser's countdown, which runs on from the market's time, runs out.
        var lot = await TestListings.ListLotAsync(app.Services, reserve: 10m, durationSeconds: 30, room: "solar", batchName: "E2E ending");
        clock.SetUtcNow(lot.EndsAt.AddSeconds(-8));
        await using var context = await browsers.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        var page = await context.NewPageAsync();
        await new LoginPage(page, app.ServerAddress).LogInAsync(TestAccounts.Buyer3.Email, Password);
        var room = new RoomPage(page, app.ServerAddress);
        await room.OpenAsync(lot.RoomId);
        var form = room.Card(lot.LotId).Locator("form.bid-form");
        await Assertions.Expect(form.GetByRole(AriaRole.Button, new() { Name = "Bid", Exact = true })).ToBeEnabledAsync(new() { Timeout = 15_000 });

        await Assertions.Expect(room.Card(lot.LotId).Locator("[data-testid=countdown]")).ToHaveTextAsync("Closing…", new() { Timeout = 15_000 });

        await Assertions.Expect(form).ToHaveJSPropertyAsync("inert", true);
        Assert.False(await form.GetByLabel("Your bid").EvaluateAsync<bool>("input => { input.focus(); return document.activeElement === input; }"));
        await using var db = app.Db();
        Assert.False(await db.Bids.AnyAsync(b => b.LotId == lot.LotId));
    }

    private async Task<(Guid RoomId, Guid LotId, Guid LeadId, string Email)> ListOneLotAsync()
    {
        const string email = "erika.mustermann-e2e@example.de";
        var lead = TestLeads.Valid(clock.GetUtcNow()) with { Email = email, Need = "Quote for a 12 kWp solar roof with battery storage" };
        var lot = await TestListings.ListLotAsync(app.Services, reserve: 14.50m, durationSeconds: 600, lead: lead, room: "solar", batchName: "E2E batch");
        return (lot.RoomId, lot.LotId, lot.LeadId, email);
    }
}
