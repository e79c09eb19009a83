using System.Security.Cryptography;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Infrastructure.Tests.Support;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Infrastructure.Tests.Intake;

[Collection(SqliteMarketCollection.Name)]
public sealed class LeadProtectorTests(SqliteMarket market)
{
    private const string Email = "konstantin.wiesenthaler@example.net";
    private const string Phone = "+49 160 5550173";
    private const string LastName = "Wiesenthaler";
    private const string Street = "Amselsteig 9";

    [Fact]
    public void Protected_lead_data_round_trips_and_does_not_show_the_contact()
    {
        var protector = market.Services.GetRequiredService<LeadProtector>();
        var lead = TestLeads.Valid(market.Time.GetUtcNow()) with { LastName = LastName, Email = Email, Phone = Phone, Street = Street };
        var data = new LeadPrivateData(
            new LeadContact(lead.FirstName, lead.LastName, lead.Email, lead.Phone, lead.Street, lead.PostalCode, lead.City, lead.Country), lead.Consent);

        var stored = protector.Protect(data);

        foreach (var secret in new[] { Email, Phone, LastName, Street, "konstantin" })
        {
            Assert.DoesNotContain(secret, stored, StringComparison.OrdinalIgnoreCase);
        }

        var back = protector.Unprotect(stored);
        Assert.Equal(data.Contact, back.Contact);
        Assert.Equal(data.Consent, back.Consent);
    }

    [Fact]
    public void Tampered_lead_data_is_refused()
    {
        var protector = market.Services.GetRequiredService<LeadProtector>();
        var stored = protector.Protect(new LeadPrivateData(
            new LeadContact("K", LastName, Email, Phone, Street, "10115", "Berlin", "DE"), TestLeads.DoubleOptIn(market.Time.GetUtcNow())));
        var middle = stored.Length / 2;
        var tampered = stored[..middle] + (stored[middle] == 'A' ? 'B' : 'A') + stored[(middle + 1)..];

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(tampered));
    }

    [Fact]
    public async Task A_listed_lead_is_stored_encrypted_and_readable_with_the_market_keys()
    {
        var lead = TestLeads.Valid(market.Time.GetUtcNow()) with { LastName = LastName, Email = Email, Phone = Phone, Street = Street };
        var lot = await TestListings.ListLotAsync(market.Services, lead: lead);

        await using var db = market.App.Db();
        var row = await db.Leads.AsNoTracking().SingleAsync(l => l.Id == lot.LeadId);
        Assert.DoesNotContain(Email, row.ProtectedData, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(LastName, row.ProtectedData, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Email, market.Services.GetRequiredService<LeadProtector>().Unprotect(row.ProtectedData).Contact.Email);
    }
}
