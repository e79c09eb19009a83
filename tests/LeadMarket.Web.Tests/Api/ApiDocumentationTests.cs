using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeadMarket.Web.Tests.Integration;

namespace LeadMarket.Web.Tests.Api;

/// <summary>The OpenAPI document describes the /api/v1 routes alone, fully; /api shows it with assets of its own.</summary>
public sealed partial class ApiDocumentationTests(MarketFixture market) : IClassFixture<MarketFixture>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task The_document_lists_only_api_v1_routes_each_with_a_summary_a_description_and_its_problems()
    {
        var document = await DocumentAsync();

        var paths = document.GetProperty("paths").EnumerateObject().ToList();
        Assert.Contains(paths, p => p.Name == "/api/v1/purchases");
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p.Name, StringComparison.Ordinal));
        foreach (var path in paths)
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.TryGetProperty("summary", out var s) ? s.GetString() : null), $"{name} has no summary");
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.TryGetProperty("description", out var d) ? d.GetString() : null), $"{name} has no description");
                var responses = operation.Value.GetProperty("responses");
                foreach (var status in new[] { "401", "403" })
                {
                    Assert.True(responses.TryGetProperty(status, out var response), $"{name} does not list {status}");
                    Assert.True(response.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{name} does not describe {status} as a problem");
                }
            }
        }

        var purchases = document.GetProperty("paths").GetProperty("/api/v1/purchases").GetProperty("get");
        Assert.True(purchases.GetProperty("responses").TryGetProperty("400", out _));
        Assert.Equal(["after", "limit"], purchases.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var lead = document.GetProperty("paths").GetProperty("/api/v1/leads/{id}").GetProperty("get");
        Assert.True(lead.GetProperty("responses").TryGetProperty("404", out _));
    }

    [Fact]
    public async Task The_document_declares_the_api_key_header_as_its_security_scheme()
    {
        var document = await DocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        Assert.Contains(document.GetProperty("security").EnumerateArray(), r => r.TryGetProperty("ApiKey", out _));
        Assert.Contains("after=", document.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reference_page_at_api_is_html_that_loads_the_document_and_scripts_served_by_the_market()
    {
        using var client = new HttpClient { BaseAddress = market.App.ServerAddress };

        using var response = await client.GetAsync("/api");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"url\":\"openapi/v1.json\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);

        var scripts = ScriptSource().Matches(html).Select(m => m.Groups["src"].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var src in scripts)
        {
            var url = new Uri(new Uri(market.App.ServerAddress, "/api/"), src);
            Assert.Equal(market.App.ServerAddress.Authority, url.Authority);
            using var script = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Contains("javascript", script.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_api_request_without_a_key_is_answered_with_a_problem_that_says_to_send_one()
    {
        using var client = new HttpClient { BaseAddress = market.App.ServerAddress };

        using var response = await client.GetAsync("/api/v1/purchases");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = new HttpClient { BaseAddress = market.App.ServerAddress };
        return await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }

    [GeneratedRegex("<script[^>]*\\ssrc=\"(?<src>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();
}
