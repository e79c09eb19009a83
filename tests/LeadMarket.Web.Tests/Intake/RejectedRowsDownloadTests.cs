using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using LeadMarket.Testing;

namespace LeadMarket.Web.Tests.Intake;

/// <summary>GET /publisher/batches/{id}/rejected.csv: the rejected rows, for the batch's own publisher only.</summary>
public sealed class RejectedRowsDownloadTests(MarketFixture market) : IClassFixture<MarketFixture>
{
    [Fact]
    public async Task The_batchs_publisher_downloads_the_rejected_rows_in_the_uploads_columns_with_a_reason_column_and_formula_cells_as_sent_but_quoted()
    {
        var batchId = await ListAsync("publisher1");
        using var client = await SignedInAsync("test-publisher-1@tests.local");

        using var response = await client.GetAsync($"/publisher/batches/{batchId}/rejected.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal(
            [
                "first_name,last_name,email,phone,postal_code,country,need,reason",
                "Anna,Berg,anna@,+4915112345678,80331,DE,Solar roof,\"email: Not a valid email address: one @, a domain such as example.com, and before the @ only plain letters, digits and . _ + -.\"",
                "\"=HYPERLINK(\"\"http://x.test\"\",\"\"y\"\")\",Kurz,kurz@example,+4915112345679,10115,DE,\"Heat pump, 8 kW\",\"email: Not a valid email address: one @, a domain such as example.com, and before the @ only plain letters, digits and . _ + -.\"",
                ",Lang,lang@example.de,+4915112345670,1234,DE,Insurance,first_name: This field is required.; postal_code: Not a postal code of the lead's country (Germany: a code in use; Austria and Switzerland: four digits).",
                "",
            ],
            lines);
    }

    [Fact]
    public async Task Another_publishers_batch_and_an_unknown_batch_are_not_found()
    {
        var batchId = await ListAsync("publisher1");
        using var client = await SignedInAsync("test-publisher-2@tests.local");

        using var others = await client.GetAsync($"/publisher/batches/{batchId}/rejected.csv");
        using var unknown = await client.GetAsync($"/publisher/batches/{Guid.NewGuid()}/rejected.csv");

        Assert.Equal(HttpStatusCode.NotFound, others.StatusCode);
        Assert.DoesNotContain("anna@", await others.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Nobody_signed_in_and_a_buyer_get_no_rejected_rows()
    {
        var batchId = await ListAsync("publisher1");
        using var anonymous = NewClient();
        using var buyer = await SignedInAsync("test-buyer-1@tests.local");

        using var signedOut = await anonymous.GetAsync($"/publisher/batches/{batchId}/rejected.csv");
        using var asBuyer = await buyer.GetAsync($"/publisher/batches/{batchId}/rejected.csv");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/Account/Login", signedOut.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, asBuyer.StatusCode);
        Assert.Contains("/Account/AccessDenied", asBuyer.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private async Task<Guid> ListAsync(string publisher)
    {
        var lots = await TestListings.ListLotsAsync(market.Services, publisher: publisher, batchName: "Roofs with typos");
        await TestImports.RecordAsync(market.Services, lots[0].BatchId, rowsRead: 6, rows: TestImports.ThreeBadRows);
        return lots[0].BatchId;
    }

    private HttpClient NewClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = market.App.ServerAddress };

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = NewClient();
        using var login = await client.GetAsync("/Account/Login");
        var page = await new HtmlParser().ParseDocumentAsync(await login.Content.ReadAsStringAsync());
        var form = page.QuerySelectorAll("form").Single(f => f.QuerySelector("input[name='_handler'][value='login']") is not null);
        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
            ["Input.Email"] = email,
            ["Input.Password"] = TestAccounts.Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
