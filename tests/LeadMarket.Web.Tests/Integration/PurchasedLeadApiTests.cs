using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Integration;

/// <summary>The full lead goes to its buyer alone; anyone else gets 404, as for an id that does not exist.</summary>
public sealed class PurchasedLeadApiTests(MarketFixture market) : IClassFixture<MarketFixture>
{
    [Fact]
    public async Task The_winner_reads_the_full_lead_and_no_one_else_finds_it()
    {
        var app = market.App;
        var lead = TestLeads.Valid(market.Clock.GetUtcNow(), 7) with
        {
            FirstName = "Henrike",
            LastName = "Wunderlich",
            Email = "henrike.wunderlich@example.org",
            Phone = "+49 89 5551234",
        };
        var lot = await TestListings.ListLotAsync(app.Services, reserve: 10m, lead: lead);
        var buyers = await TestBuyers.CreateAsync(app.Services, 2);
        var (winner, loser) = (buyers[0], buyers[1]);
        await using (var loserHub = await HubBidder.ConnectAsync(app, loser))
        await using (var winnerHub = await HubBidder.ConnectAsync(app, winner))
        {
            Assert.True((await loserHub.BidAsync(lot.LotId, 10m)).Accepted);
            Assert.True((await winnerHub.BidAsync(lot.LotId, 14m)).Accepted);
        }

        using var winnerApi = winner.ApiClient(app);
        using var loserApi = loser.ApiClient(app);
        using var anonymous = new HttpClient { BaseAddress = app.ServerAddress };
        using (var beforeClose = await winnerApi.GetAsync($"/api/v1/leads/{lot.LeadId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, beforeClose.StatusCode);
        }

        await market.CloseAsync(lot.LotId);
        await Eventually.TrueAsync(
            async () =>
            {
                using var attempt = await winnerApi.GetAsync($"/api/v1/leads/{lot.LeadId}");
                return attempt.StatusCode == HttpStatusCode.OK;
            },
            "the outbox to unlock the purchase");

        using (var response = await winnerApi.GetAsync($"/api/v1/leads/{lot.LeadId}"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(lot.LeadId, body.GetProperty("leadId").GetGuid());
            Assert.Equal(14m, body.GetProperty("price").GetDecimal());
            var contact = body.GetProperty("contact");
            Assert.Equal("Henrike", contact.GetProperty("firstName").GetString());
            Assert.Equal("Wunderlich", contact.GetProperty("lastName").GetString());
            Assert.Equal("henrike.wunderlich@example.org", contact.GetProperty("email").GetString());
            Assert.Equal("+49 89 5551234", contact.GetProperty("phone").GetString());
            Assert.Equal("Teststrasse 1", contact.GetProperty("street").GetString());
            Assert.Equal("10115", contact.GetProperty("postalCode").GetString());
            var consent = body.GetProperty("consent");
            Assert.Equal("203.0.113.7", consent.GetProperty("optInIp").GetString());
            Assert.Equal(lead.Consent.ConsentText, consent.GetProperty("consentText").GetString());
        }

        using (var response = await loserApi.GetAsync($"/api/v1/leads/{lot.LeadId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Wunderlich", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var response = await winnerApi.GetAsync($"/api/v1/leads/{Guid.NewGuid()}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using (var response = await anonymous.GetAsync($"/api/v1/leads/{lot.LeadId}"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        market.Clock.Advance(PurchasedLeads.VisibilityHorizon);
        var winnersPurchases = await winnerApi.GetFromJsonAsync<JsonElement>("/api/v1/purchases");
        var listed = Assert.Single(winnersPurchases.GetProperty("items").EnumerateArray(), p => p.GetProperty("leadId").GetGuid() == lot.LeadId);
        Assert.Equal(14m, listed.GetProperty("price").GetDecimal());
        Assert.DoesNotContain("Wunderlich", listed.GetRawText(), StringComparison.Ordinal);
        var losersPurchases = await loserApi.GetFromJsonAsync<JsonElement>("/api/v1/purchases");
        Assert.DoesNotContain(losersPurchases.GetProperty("items").EnumerateArray(), p => p.GetProperty("leadId").GetGuid() == lot.LeadId);
        using (var response = await anonymous.GetAsync("/api/v1/purchases"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task An_unknown_or_revoked_key_is_not_let_in()
    {
        var app = market.App;
        var buyer = await TestBuyers.CreateOneAsync(app.Services);
        using var unknown = new HttpClient { BaseAddress = app.ServerAddress };
        unknown.DefaultRequestHeaders.Add("X-Api-Key", "key-that-was-never-issued");
        using var known = buyer.ApiClient(app);

        using (var response = await unknown.GetAsync("/api/v1/purchases"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using (var response = await known.GetAsync("/api/v1/purchases"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var keys = app.Services.GetRequiredService<ApiKeyService>();
        var key = Assert.Single(await keys.ListAsync(buyer.UserId));
        Assert.True(await keys.RevokeAsync(buyer.UserId, key.Id));
        using (var response = await known.GetAsync("/api/v1/purchases"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }
}
