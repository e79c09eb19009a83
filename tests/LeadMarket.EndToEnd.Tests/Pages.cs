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

/// <summary>What every page of the app shares.</summary>
public static class Shell
{
    /// <summary>
    /// Waits until the circuit has taken over the prerendered page (the layout marks it): a link clicked during the
    /// hand-over can change the address and leave the old page on screen.
    /// </summary>
    public static Task WaitUntilInteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator(".app-shell[data-interactive]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
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

    public ILocator Result(Guid lotId) => Card(lotId).Locator(".bid-result");

    public static Regex Amount(decimal amount) =>
        new(Regex.Escape(amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)).Replace("\\.", "[.,]", StringComparison.Ordinal));
}
