using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Testing;
using LeadMarket.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Intake;

/// <summary>The intake's REST endpoints on an app with small limits (5 leads per call, 64 KB per upload).</summary>
public sealed class IntakeApiTests : IAsyncLifetime
{
    private const string SandboxSecret = "intake-api-tests-sandbox-key";
    private MarketApplication app = null!;
    private Guid roomId;

    public async Task InitializeAsync()
    {
        app = new MarketApplication(
            settings: new Dictionary<string, string?> { ["Intake:MaxLeadsPerCall"] = "5", ["Intake:MaxUploadBytes"] = "65536" },
            services: s => s.AddSingleton<IClaimsTransformation, SandboxKeyClaim>());
        roomId = await TestListings.RoomIdAsync(app.Services);
        var publisher = await MarketServices.UserIdAsync(app.Services, "publisher1");
        SandboxKeyClaim.KeyId = (await app.Services.GetRequiredService<ApiKeyService>().AddAsync(publisher, "sandbox", SandboxSecret)).Id;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private object Terms => new { name = "API batch", roomId, saleMode = "Exclusive", shares = 1, reservePrice = 10m, durationSeconds = 300 };

    private static object Lead(int n, string? email = null) => new
    {
        firstName = "Jana",
        lastName = TestLeads.LastNameOf(n),
        email = email ?? $"api.lead{n}.{Guid.NewGuid():N}@leadmarket-tests.de",
        phone = $"+49 30 {2_000_000 + Random.Shared.Next(1, 999_999)}",
        street = "Teststrasse 1",
        postalCode = "10115",
        city = "Berlin",
        country = "DE",
        language = "de",
        need = "Household insurance for a flat",
        optInAt = DateTimeOffset.UtcNow.AddDays(-1).ToString("O"),
        optInIp = "203.0.113.7",
        userAgent = "Mozilla/5.0",
        sourceUrl = "https://forms.leadmarket-tests.de/insurance",
        consentText = "I agree that insurers may contact me by email and phone about my request.",
        channels = new[] { "email", "phone" },
        confirmationSentAt = DateTimeOffset.UtcNow.AddDays(-1).AddMinutes(1).ToString("O"),
        confirmedAt = DateTimeOffset.UtcNow.AddDays(-1).AddMinutes(5).ToString("O"),
        confirmedIp = "203.0.113.7",
        fields = TestSubmissions.InsuranceFields,
    };

    [Fact]
    public async Task Leads_are_answered_each_on_their_own_with_status_and_codes()
    {
        using var client = app.ApiClient("publisher1");
        var good = Lead(1);
        var response = await client.PostAsJsonAsync("/api/v1/leads", new { batch = Terms, leads = new[] { good, Lead(2, email: "not-an-email"), good } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results");
        Assert.Equal(["accepted", "rejected", "alreadyImported"], body.EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.True(body[0].GetProperty("score").GetInt32() > 0);
        Assert.Equal(body[0].GetProperty("leadId").GetGuid(), body[2].GetProperty("leadId").GetGuid());
        var error = body[1].GetProperty("errors")[0];
        Assert.Equal(("email", "invalid_email"), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
    }

    [Theory]
    [InlineData("de-DE", "Keine gültige E-Mail-Adresse")]
    [InlineData("en-US", "Not a valid email address")]
    public async Task A_rejection_keeps_its_code_and_words_it_in_the_requests_language(string language, string words)
    {
        using var client = app.ApiClient("publisher1");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var response = await client.PostAsJsonAsync("/api/v1/leads", new { batch = Terms, lead = Lead(3, email: "not-an-email") });

        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0].GetProperty("errors")[0];
        Assert.Equal("invalid_email", error.GetProperty("code").GetString());
        Assert.StartsWith(words, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_leads_than_a_call_takes_answer_413_and_list_nothing()
    {
        using var client = app.ApiClient("publisher1");
        var response = await client.PostAsJsonAsync("/api/v1/leads", new { batch = Terms, leads = Enumerable.Range(1, 6).Select(n => Lead(n)).ToArray() });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 5", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_JSON_answers_400_naming_where()
    {
        using var client = app.ApiClient("publisher1");
        var response = await client.PostAsync("/api/v1/leads", new StringContent("{\"batchId\": \"x\", \"leads\": [", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$.batchId", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CSV_upload_answers_201_with_its_report_and_the_batch_reads_back_for_its_publisher_only()
    {
        using var client = app.ApiClient("publisher1");
        var now = DateTimeOffset.UtcNow;
        var csv = TestSubmissions.Csv([TestSubmissions.Valid(now, 910) with { Email = $"csv.{Guid.NewGuid():N}@leadmarket-tests.de" }, TestSubmissions.Valid(now, 911) with { Email = "broken" }]);

        var response = await client.PostAsync("/api/v1/batches", Upload(csv));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, 1), (body.GetProperty("accepted").GetInt32(), body.GetProperty("rejected").GetInt32()));
        Assert.Equal("invalid_email", body.GetProperty("errors")[0].GetProperty("code").GetString());
        var id = body.GetProperty("batchId").GetGuid();

        var report = await client.GetFromJsonAsync<JsonElement>($"/api/v1/batches/{id}?limit=10");
        Assert.Equal("Completed", report.GetProperty("status").GetString());
        Assert.Equal(3, report.GetProperty("rejections")[0].GetProperty("row").GetInt32());
        using var other = app.ApiClient("publisher2");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/batches/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync("/api/v1/leads", new { batchId = id, lead = Lead(3) })).StatusCode);
    }

    [Fact]
    public async Task An_upload_beyond_the_size_limit_answers_413()
    {
        using var client = app.ApiClient("publisher1");
        var response = await client.PostAsync("/api/v1/batches", Upload(TestSubmissions.Header + "\n" + new string('x', 70_000) + "\n"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_key_with_a_revoked_key_or_a_buyer_s_key_the_intake_refuses()
    {
        using var anonymous = new HttpClient { BaseAddress = app.ServerAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/leads", new { batch = Terms, lead = Lead(1) })).StatusCode);

        var publisher = await MarketServices.UserIdAsync(app.Services, "publisher2");
        var keys = app.Services.GetRequiredService<ApiKeyService>();
        var created = await keys.CreateAsync(publisher, "to revoke");
        await keys.RevokeAsync(publisher, created.Key.Id);
        using var revoked = app.ApiClientWithKey(created.Secret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.PostAsJsonAsync("/api/v1/leads", new { batch = Terms, lead = Lead(1) })).StatusCode);

        using var buyer = app.ApiClient("buyer1");
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.PostAsJsonAsync("/api/v1/leads", new { batch = Terms, lead = Lead(1) })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.PostAsync("/api/v1/batches", Upload(TestSubmissions.Header + "\n"))).StatusCode);
    }

    [Fact]
    public async Task A_test_key_is_answered_as_live_but_stores_nothing()
    {
        await using var before = MarketServices.Db(app.Services);
        var counts = (await before.Leads.CountAsync(), await before.Batches.CountAsync(), await before.Lots.CountAsync());
        using var sandbox = app.ApiClientWithKey(SandboxSecret);

        var response = await sandbox.PostAsJsonAsync("/api/v1/leads", new { batch = Terms, leads = new[] { Lead(1), Lead(2, email: "nope") } });

        var body = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results");
        Assert.Equal(["accepted", "rejected"], body.EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        await using var after = MarketServices.Db(app.Services);
        Assert.Equal(counts, (await after.Leads.CountAsync(), await after.Batches.CountAsync(), await after.Lots.CountAsync()));
    }

    private MultipartFormDataContent Upload(string csv)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent
        {
            { new StringContent("CSV batch"), "name" },
            { new StringContent(roomId.ToString()), "roomId" },
            { new StringContent("Exclusive"), "saleMode" },
            { new StringContent("1"), "shares" },
            { new StringContent("10"), "reservePrice" },
            { new StringContent("300"), "durationSeconds" },
            { file, "file", "leads.csv" },
        };
    }

    /// <summary>Marks the requests of one key as a test key's (what the API key handler does for keys made as test keys).</summary>
    private sealed class SandboxKeyClaim : IClaimsTransformation
    {
        public static Guid KeyId { get; set; }

        public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
        {
            if (principal.FindFirst("leadmarket:api_key_id")?.Value == KeyId.ToString() && !ApiKeyClaims.IsTestKey(principal))
            {
                principal.Identities.First().AddClaim(new Claim(ApiKeyClaims.TestKey, "true"));
            }

            return Task.FromResult(principal);
        }
    }
}
