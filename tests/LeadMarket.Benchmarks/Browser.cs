using System.Diagnostics.Metrics;
using Microsoft.Playwright;

namespace LeadMarket.Benchmarks;

/// <summary>Debian's Chromium, headless, driven by Playwright; one browser, signed in once as a benchmark buyer.</summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        // Every page is a watcher: none may be throttled as a background tab.
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
    ];

    private readonly IPlaywright playwright;
    private readonly string baseUrl;

    private BrowserSession(IPlaywright playwright, IBrowser browser, string baseUrl, string storageState)
    {
        this.playwright = playwright;
        Browser = browser;
        this.baseUrl = baseUrl;
        StorageState = storageState;
    }

    private const string ChromiumPath = "/usr/bin/chromium";

    public IBrowser Browser { get; }

    public string StorageState { get; }

    public static async Task<BrowserSession> StartAsync(Uri address, string email, string password)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Figures 4 and 5 need Debian's Chromium at {ChromiumPath}; install it with `apt-get install -y chromium` (the test command does that itself).");
        }

        var playwright = await Playwright.CreateAsync();
        IBrowser? browser = null;
        try
        {
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
            var baseUrl = address.ToString().TrimEnd('/');
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/Account/Login");
            await page.GetByLabel("Email", new PageGetByLabelOptions { Exact = true }).FillAsync(email);
            await page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(password);
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Log in", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase), new PageWaitForURLOptions { Timeout = 30_000 });
            var state = await context.StorageStateAsync();
            if (!state.Contains(".AspNetCore.Identity.Application", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Signing in at /Account/Login did not set the Identity cookie.");
            }

            return new BrowserSession(playwright, browser, baseUrl, state);
        }
        catch
        {
            if (browser is not null)
            {
                await browser.DisposeAsync();
            }

            playwright.Dispose();
            throw;
        }
    }

    public Task<IBrowserContext> NewContextAsync() =>
        Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, StorageState = StorageState });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}

/// <summary>
/// Counts the app's Blazor circuits through ASP.NET Core's own metrics (meter Microsoft.AspNetCore.Components.Server.Circuits),
/// so the suite knows when N pages really hold N connected circuits.
/// </summary>
internal sealed class CircuitMeter : IDisposable
{
    private const string MeterName = "Microsoft.AspNetCore.Components.Server.Circuits";
    private readonly MeterListener listener = new();
    private long connected;
    private long active;

    public CircuitMeter()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name is "aspnetcore.components.circuit.connected" or "aspnetcore.components.circuit.active")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "aspnetcore.components.circuit.connected")
            {
                Interlocked.Add(ref connected, value);
            }
            else
            {
                Interlocked.Add(ref active, value);
            }
        });
        listener.Start();
    }

    public long Connected => Interlocked.Read(ref connected);

    public long Active => Interlocked.Read(ref active);

    public async Task<bool> WaitAsync(Func<CircuitMeter, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    public void Dispose() => listener.Dispose();
}
