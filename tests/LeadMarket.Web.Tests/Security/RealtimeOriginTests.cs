using System.Net;
using System.Net.WebSockets;
using LeadMarket.Testing;
using LeadMarket.Web.Tests.Support;

namespace LeadMarket.Web.Tests.Security;

/// <summary>
/// A page of another origin cannot use a signed-in buyer's cookie on the live endpoints (hub and Blazor circuit):
/// the WebSocket upgrade and the negotiate call are refused; the app's own pages, listed origins, clients without
/// an Origin and systems with an API key still get through.
/// </summary>
public sealed class RealtimeOriginTests(RealtimeOriginTests.Fixture market) : IClassFixture<RealtimeOriginTests.Fixture>
{
    private const string Foreign = "https://evil.example";
    private const string Listed = "https://partner.example:8443";

    [Theory]
    [InlineData("hubs/auction/negotiate?negotiateVersion=1")]
    [InlineData("_blazor/negotiate?negotiateVersion=1")]
    public async Task Negotiating_with_a_cookie_from_a_foreign_origin_is_forbidden(string path)
    {
        using var browser = await SignedInAsync();

        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync(browser, path, Foreign));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync(browser, path, "null"));
    }

    [Theory]
    [InlineData("hubs/auction/negotiate?negotiateVersion=1")]
    [InlineData("_blazor/negotiate?negotiateVersion=1")]
    public async Task Negotiating_with_a_cookie_from_the_own_or_a_listed_origin_or_without_an_origin_works(string path)
    {
        using var browser = await SignedInAsync();
        var own = browser.BaseAddress.GetLeftPart(UriPartial.Authority);

        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(browser, path, own));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(browser, path, Listed));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(browser, path, origin: null));
    }

    [Theory]
    [InlineData("hubs/auction")]
    [InlineData("_blazor")]
    public async Task A_WebSocket_upgrade_with_a_cookie_from_a_foreign_origin_is_forbidden(string path)
    {
        using var browser = await SignedInAsync();

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => UpgradeAsync(browser, path, Foreign));

        Assert.Equal(HttpStatusCode.Forbidden, Assert.IsType<HttpStatusCode>(refused.Data["HttpStatusCode"]));
    }

    [Fact]
    public async Task A_WebSocket_upgrade_with_a_cookie_from_the_own_origin_or_without_an_origin_is_accepted()
    {
        using var browser = await SignedInAsync();
        var own = browser.BaseAddress.GetLeftPart(UriPartial.Authority);

        using var same = await UpgradeAsync(browser, "hubs/auction", own);
        using var none = await UpgradeAsync(browser, "hubs/auction", origin: null);

        Assert.Equal(WebSocketState.Open, same.State);
        Assert.Equal(WebSocketState.Open, none.State);
    }

    [Fact]
    public async Task A_system_with_an_API_key_is_not_held_to_the_origin()
    {
        var buyer = await TestBuyers.CreateOneAsync(market.App.Services);
        using var client = new HttpClient { BaseAddress = market.App.ServerAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"hubs/auction/negotiate?negotiateVersion=1&access_token={buyer.ApiKey}");
        request.Headers.Add("Origin", Foreign);

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    private async Task<SecurityBrowser> SignedInAsync()
    {
        var browser = new SecurityBrowser(market.App);
        var response = await browser.LogInAsync("test-buyer-3@tests.local", "Test!Pass2026");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(browser.SignedIn);
        return browser;
    }

    private static async Task<HttpStatusCode> NegotiateAsync(SecurityBrowser browser, string path, string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("") };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return (await browser.SendAsync(request)).StatusCode;
    }

    private static async Task<ClientWebSocket> UpgradeAsync(SecurityBrowser browser, string path, string? origin)
    {
        var socket = new ClientWebSocket();
        socket.Options.Cookies = browser.Cookies;
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        var address = new UriBuilder(new Uri(browser.BaseAddress, path)) { Scheme = "ws" }.Uri;
        try
        {
            await socket.ConnectAsync(address, CancellationToken.None);
            return socket;
        }
        catch (WebSocketException e)
        {
            e.Data["HttpStatusCode"] = socket.HttpStatusCode;
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A market that lists one extra origin in <c>Market:AllowedOrigins</c>.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public MarketApplication App { get; } = new(settings: new Dictionary<string, string?> { ["Market:AllowedOrigins:0"] = Listed });

        public Task InitializeAsync()
        {
            _ = App.ServerAddress;
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }
}
