using Bunit;
using LeadMarket.Domain.Accounts;
using LeadMarket.Testing;
using LeadMarket.Web.Components.Intake;
using LeadMarket.Web.Components.Auctions;
using LeadMarket.Web.Tests.Intake;
using LeadMarket.Web.Tests.Support;

namespace LeadMarket.Web.Tests.Localization;

/// <summary>The publisher desk in English and German: texts from the resources, money and times in the reader's way.</summary>
public sealed class DeskInTwoLanguagesTests : PublisherTestContext
{
    private static readonly string[] EnglishDeskTexts =
    [
        "Publisher desk", "New batch", "Your lead batches", "Batch", "Room", "Sale mode", "Reserve", "Open lots", "Sold lots",
        "Revenue", "Created", "Exclusive", "EUR", "Open", "Sold",
    ];

    [Fact]
    public async Task The_desk_renders_in_English_with_euros_the_English_way()
    {
        await ListBatchAsync("publisher1", "Dachangebote Oktober");
        using var culture = new CultureScope("en");

        var page = Render<Desk>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='batches'] tbody tr")));
        var text = TextOf(page);
        Assert.Contains("Publisher desk", text, StringComparison.Ordinal);
        Assert.Contains("Sale mode", text, StringComparison.Ordinal);
        Assert.Contains("€10.00", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_desk_renders_in_German_with_no_English_left_and_times_in_Berlin()
    {
        await ListBatchAsync("publisher1", "Dachangebote Oktober");
        using var culture = new CultureScope("de");

        var page = Render<Desk>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='batches'] tbody tr")));
        foreach (var german in new[] { "Publisher-Bereich", "Neues Paket", "Verkaufsart", "Reservepreis", "Offene Lose", "Verkaufte Lose", "Umsatz", "Erstellt", "Exklusiv", "10,00\u00A0€" })
        {
            Assert.Contains(german, TextOf(page), StringComparison.Ordinal);
        }

        NoEnglishLeft.In(TextOf(page), EnglishDeskTexts);

        // Created now: shown on the Berlin clock, written the German way.
        var created = page.Find("[data-testid='batches'] tbody tr td:last-child").TextContent.Trim();
        var berlin = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        Assert.StartsWith(berlin.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture), created, StringComparison.Ordinal);
    }

    private static string TextOf(IRenderedComponent<Desk> page) => string.Concat(page.Nodes.Select(n => n.TextContent));
}

/// <summary>The rooms list in English and German, for a buyer with a credit line.</summary>
public sealed class RoomsInTwoLanguagesTests : BunitTest
{
    private static readonly string[] EnglishRoomsTexts =
    [
        "Bidding rooms", "Live auctions", "one room per vertical", "Available credit", "open lot", "Enter room", "EUR",
    ];

    private readonly MarketApplication market = new();

    public override async Task InitializeAsync()
    {
        UseMarket(market);
        await SignInAsync("buyer1", Roles.Buyer);
        RenderInteractively();
        await TestListings.ListLotAsync(App.Services);
    }

    [Fact]
    public void The_rooms_list_renders_in_English()
    {
        using var culture = new CultureScope("en");

        var page = Render<Rooms>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='room-card']")));
        var text = string.Concat(page.Nodes.Select(n => n.TextContent));
        Assert.Contains("Bidding rooms", text, StringComparison.Ordinal);
        Assert.Contains("Enter room", text, StringComparison.Ordinal);
        Assert.Contains("1 open lot", text, StringComparison.Ordinal);
        Assert.StartsWith("€", page.Find("[data-testid='available-credit'] .price").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_rooms_list_renders_in_German_with_no_English_left()
    {
        using var culture = new CultureScope("de");

        var page = Render<Rooms>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='room-card']")));
        foreach (var german in new[] { "Auktionsräume", "Live-Auktionen für anonymisierte Lead-Karten", "Verfügbarer Kreditrahmen", "Raum betreten", "1 offenes Los" })
        {
            Assert.Contains(german, string.Concat(page.Nodes.Select(n => n.TextContent)), StringComparison.Ordinal);
        }

        Assert.EndsWith("\u00A0€", page.Find("[data-testid='available-credit'] .price").TextContent.Trim(), StringComparison.Ordinal);
        NoEnglishLeft.In(string.Concat(page.Nodes.Select(n => n.TextContent)), EnglishRoomsTexts);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await market.DisposeAsync();
    }
}
