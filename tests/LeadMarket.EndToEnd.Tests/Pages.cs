using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace LeadMarket.EndToEnd.Tests;

/// <summary>The static login form (Identity, server-rendered).</summary>
public sealed class LoginPage(IPage page, Uri baseAddress)
{
    public async Task LogInAsync(string email, string password)
    {
        await page.GotoAsync(new Uri(baseAddress, "/Account/Login").ToString());
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>A live bidding room page and its lot cards.</summary>
public sealed class RoomPage(IPage page, Uri baseAddress)
{
    public async Task OpenAsync(Guid roomId)
    {
        await page.GotoAsync(new Uri(baseAddress, $"/rooms/{roomId}").ToString());
    }

    public ILocator Card(Guid lotId) => page.Locator($"[data-testid='lot-card'][data-lot-id='{lotId}']");

    public ILocator Price(Guid lotId) => Card(lotId).Locator("[data-testid='lot-price']");

    /// <summary>Bids through the card's form once the circuit is interactive (the button is disabled before).</summary>
    public async Task BidAsync(Guid lotId, decimal amount)
    {
        var card = Card(lotId);
        var button = card.GetByRole(AriaRole.Button, new() { Name = "Bid", Exact = true });
        await Assertions.Expect(button).ToBeEnabledAsync(new() { Timeout = 15_000 });
        var input = card.GetByLabel("Your bid");
        await input.FillAsync(amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        await button.ClickAsync();
    }

    public ILocator Result(Guid lotId) => Card(lotId).Locator("[data-testid='bid-result']");

    public static Regex Amount(decimal amount) =>
        new(Regex.Escape(amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)).Replace("\\.", "[.,]", StringComparison.Ordinal));
}
