using System.Text;
using System.Text.RegularExpressions;
using LeadMarket.Testing;
using Microsoft.Playwright;

namespace LeadMarket.EndToEnd.Tests;

/// <summary>A publisher uploads a CSV with bad rows in the browser, reads the batch report and downloads the rejected rows to fix them.</summary>
public sealed partial class BatchReportTests(BrowserFixture browsers) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private MarketApplication app = null!;

    public Task InitializeAsync()
    {
        app = new MarketApplication();
        _ = app.ServerAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_publisher_uploads_a_csv_with_three_bad_rows_reads_them_in_the_report_and_downloads_them_with_their_reasons()
    {
        var now = DateTimeOffset.UtcNow;
        var good = Enumerable.Range(1, 4).Select(n => TestSubmissions.Valid(now, 900 + n)).ToList();
        var bad = new[]
        {
            TestSubmissions.Valid(now, 911) with { Email = "not-an-email" },
            TestSubmissions.Valid(now, 912) with { PostalCode = "1" },
            TestSubmissions.Valid(now, 913) with { FirstName = "=HYPERLINK(\"http://evil.test\",\"x\")", LastName = "" },
        };
        var csv = TestSubmissions.Csv([good[0], bad[0], good[1], bad[1], good[2], bad[2], good[3]]);

        await using var context = await browsers.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString(), AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await new LoginPage(page, app.ServerAddress).LogInAsync(TestAccounts.Publisher1.Email, TestAccounts.Password);

        var upload = new NewBatchPage(page);
        await upload.OpenAsync();
        await upload.ChooseFileAsync("november-leads.csv", csv);
        await upload.NameAsync("November leads");
        await upload.RoomAsync("Insurance");
        await upload.ImportAsync();

        await page.WaitForURLAsync(BatchAddress(), new() { Timeout = 30_000 });
        var report = new BatchReportPage(page);
        await Assertions.Expect(report.Figure("report-rejected")).ToHaveTextAsync("3", new() { Timeout = 15_000 });
        await Assertions.Expect(report.Figure("report-accepted")).ToHaveTextAsync("4");
        await Assertions.Expect(report.Status).ToHaveTextAsync("Completed");
        await Assertions.Expect(report.ProblemLines.First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var lines = (await report.ProblemLines.AllTextContentsAsync()).Select(t => t.Trim()).Distinct().ToList();
        Assert.Equal(["3", "5", "7"], lines);
        var problems = await page.Locator("[data-testid='rejections'] tbody tr").AllInnerTextsAsync();
        Assert.Contains(problems, p => p.Contains("email", StringComparison.Ordinal) && p.Contains("invalid_email", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("postal_code", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("last_name", StringComparison.Ordinal));
        Assert.All(await page.Locator("[data-testid='error-reason']").AllTextContentsAsync(), reason => Assert.False(string.IsNullOrWhiteSpace(reason)));

        var download = await page.RunAndWaitForDownloadAsync(() => report.DownloadButton.ClickAsync());
        var path = await download.PathAsync();
        var text = await File.ReadAllTextAsync(path, Encoding.UTF8);
        var rows = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(TestSubmissions.Header + ",reason", rows[0]);
        Assert.Equal(4, rows.Length);
        Assert.StartsWith(TestSubmissions.Row(bad[0]) + ",", rows[1], StringComparison.Ordinal);
        Assert.StartsWith(TestSubmissions.Row(bad[1]) + ",", rows[2], StringComparison.Ordinal);
        Assert.StartsWith(TestSubmissions.Row(bad[2]) + ",", rows[3], StringComparison.Ordinal);
        Assert.Contains("email: ", rows[1], StringComparison.Ordinal);
        Assert.Contains("postal_code: ", rows[2], StringComparison.Ordinal);
        Assert.Contains("last_name: ", rows[3], StringComparison.Ordinal);
    }

    [GeneratedRegex("/publisher/batches/[0-9a-f-]{36}$")]
    private static partial Regex BatchAddress();
}
