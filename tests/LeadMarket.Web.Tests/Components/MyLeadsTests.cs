using Bunit;
using LeadMarket.Domain.Accounts;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Web.Components.AfterSale;
using LeadMarket.Web.Tests.Localization;
using LeadMarket.Web.Tests.Support;

namespace LeadMarket.Web.Tests.Components;

[Collection(MarketCollection.Name)]
public sealed class MyLeadsTests(MarketFixture market) : BunitTest
{
    public override Task InitializeAsync()
    {
        UseMarket(market.App);
        RenderInteractively();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Buyer_sees_the_full_lead_and_its_consent_evidence_once_bought()
    {
        var lead = MarketFixture.Lead("Solar roof and heat pump combination for 160 m² house");
        var leadId = await BoughtAsync(lead, "buyer1", 31.5m);
        await SignInAsync("buyer1", Roles.Buyer);
        using var culture = new CultureScope("de");

        var list = Render<MyLeads>();
        list.WaitForAssertion(() => Assert.Contains(lead.Need, list.Find("[data-testid=purchases]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(list.Find($"a[href='my-leads/{leadId}']"));

        var cut = Render<LeadDetail>(p => p.Add(d => d.LeadId, leadId));
        cut.WaitForAssertion(() => Assert.Contains(lead.Email, cut.Markup, StringComparison.Ordinal));
        // Evidence times on the market's clock (Europe/Berlin) with their offset, so they read unambiguously.
        foreach (var shown in new[] { lead.FirstName, lead.LastName, lead.Phone, lead.Street, lead.PostalCode, lead.City, "31,50\u00A0€",
                     lead.Consent.OptInIp, lead.Consent.UserAgent, lead.Consent.SourceUrl, lead.Consent.ConsentText, "20.11.2026 10:20:00 (UTC+01:00)" })
        {
            Assert.Contains(shown, string.Concat(cut.Nodes.Select(n => n.TextContent)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Buyer_cannot_open_a_lead_someone_else_bought()
    {
        var lead = MarketFixture.Lead();
        var leadId = await BoughtAsync(lead, "buyer2", 25m);
        await SignInAsync("buyer3", Roles.Buyer);

        var cut = Render<LeadDetail>(p => p.Add(d => d.LeadId, leadId));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=lead-not-found]")));
        Assert.DoesNotContain(lead.Email, cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(lead.LastName, cut.Markup, StringComparison.Ordinal);
    }

    /// <summary>Arranges a purchase directly: winning through a real close is the infrastructure's tests' business.</summary>
    private async Task<Guid> BoughtAsync(Infrastructure.Intake.LeadInput lead, string buyer, decimal price)
    {
        var lot = await market.ListLotAsync(lead);
        await using var db = market.App.Db();
        var leadId = db.Lots.Where(l => l.Id == lot.LotId).Select(l => l.LeadId).Single();
        db.Purchases.Add(new Purchase { LotId = lot.LotId, LeadId = leadId, BuyerId = await market.App.UserIdAsync(buyer), Price = price, PurchasedAt = DateTimeOffset.UtcNow, UnlockedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return leadId;
    }
}
