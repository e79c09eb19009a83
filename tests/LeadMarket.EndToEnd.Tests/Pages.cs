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

/// <summary>The publisher's upload page: terms, the CSV file, and the button that imports it.</summary>
public sealed class NewBatchPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/publisher/batches/new");
        await Shell.WaitUntilInteractiveAsync(page);
    }

    public async Task ChooseFileAsync(string name, string csv)
    {
        var file = new FilePayload { Name = name, MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) };
        var outcome = page.Locator("[data-testid='file-status'], [data-testid='field-errors']").First;
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Choose CSV file" })).ToBeEnabledAsync(new() { Timeout = 15_000 });

        // The file input listens once its component has rendered in the circuit; a file set before that is not seen, so it is set again.
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator("input[type=file]").SetInputFilesAsync(file);
            try
            {
                await Assertions.Expect(outcome).ToBeVisibleAsync(new() { Timeout = 5_000 * attempt });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }

        Assert.True(await outcome.GetAttributeAsync("data-testid") == "file-status", "The file was not taken: " + await page.Locator("main").InnerTextAsync());
    }

    // MudBlazor puts a field's own attributes on its input element.
    public Task NameAsync(string name) => page.Locator("input[data-testid='batch-name'], [data-testid='batch-name'] input").First.FillAsync(name);

    /// <summary>Chooses the room whose entry names this vertical.</summary>
    public async Task RoomAsync(string vertical)
    {
        await page.Locator("[data-testid='room']").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = vertical }).First.ClickAsync();
    }

    public Task ImportAsync() => page.Locator("[data-testid='list-batch']").ClickAsync();
}

/// <summary>A batch's page: its report, the rejected rows and their download.</summary>
public sealed class BatchReportPage(IPage page)
{
    public ILocator Figure(string testId) => page.Locator($"[data-testid='{testId}']");

    public ILocator Status => page.Locator("[data-testid='batch-report'] [data-testid='batch-status']");

    public ILocator ProblemLines => page.Locator("[data-testid='rejections'] [data-testid='error-row']");

    public ILocator DownloadButton => page.Locator("[data-testid='download-rejected']");
}
