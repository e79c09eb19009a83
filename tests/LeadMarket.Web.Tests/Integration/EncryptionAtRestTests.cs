using System.Text;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Integration;

/// <summary>Personal data is stored only encrypted: not even the raw database files hold it in clear text.</summary>
public sealed class EncryptionAtRestTests(MarketFixture market) : IClassFixture<MarketFixture>
{
    [Fact]
    public async Task Personal_data_of_a_listed_lead_is_not_in_the_database_files()
    {
        var app = market.App;
        var tag = Guid.NewGuid().ToString("N")[..10];
        var lastName = $"Zwiebelkuchen{tag}";
        var email = $"quirin.{tag}@leak-check.example.org";
        const string phone = "+49 171 90817263";
        var street = $"Geheimweg {tag} 17";
        var need = $"Needs liability cover, marker {tag}";
        var lead = TestLeads.Valid(market.Clock.GetUtcNow(), 1) with
        {
            FirstName = "Quirin",
            LastName = lastName,
            Email = email,
            Phone = phone,
            Street = street,
            Need = need,
        };

        var lot = await TestListings.ListLotAsync(app.Services, lead: lead);
        await using (var db = app.Db())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        var files = new[] { "leadmarket.db", "leadmarket.db-wal" }
            .Select(name => Path.Combine(app.DataDirectory, name))
            .Where(File.Exists)
            .ToList();
        var stored = string.Concat(await Task.WhenAll(files.Select(ReadSharedAsync)));

        // The need is not personal and stays readable: proof that the files hold the lead just listed.
        Assert.Contains(need, stored, StringComparison.Ordinal);
        foreach (var personal in new[] { lastName, email, phone, street, tag + "@" })
        {
            Assert.DoesNotContain(personal, stored, StringComparison.OrdinalIgnoreCase);
        }

        // It is there, encrypted: the app's own key opens it.
        await using var read = app.Db();
        var protectedData = await read.Leads.Where(l => l.Id == lot.LeadId).Select(l => l.ProtectedData).SingleAsync();
        var contact = app.Services.GetRequiredService<LeadProtector>().Unprotect(protectedData).Contact;
        Assert.Equal((lastName, email, phone), (contact.LastName, contact.Email, contact.Phone));
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy);

        // Latin-1 maps every byte to one char, so any UTF-8 text in the file shows up verbatim.
        return Encoding.Latin1.GetString(copy.ToArray());
    }
}
