using LeadMarket.Infrastructure.AfterSale;
using System.Text.Json;
using LeadMarket.Domain.Intake;
using Microsoft.AspNetCore.DataProtection;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>
/// Encrypts a lead's personal data for storage (ASP.NET Core Data Protection: authenticated encryption, keys
/// rotated and, for several nodes, shared through the configured key folder).
/// </summary>
public sealed class LeadProtector(IDataProtectionProvider provider)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector protector = provider.CreateProtector("LeadMarket.Leads.PrivateData.v1");
    private readonly IDataProtector rows = provider.CreateProtector("LeadMarket.Intake.RejectedRows.v1");

    public string Protect(LeadPrivateData data) => protector.Protect(JsonSerializer.Serialize(data, Json));

    public LeadPrivateData Unprotect(string protectedData) =>
        JsonSerializer.Deserialize<LeadPrivateData>(protector.Unprotect(protectedData), Json)
        ?? throw new InvalidOperationException("Stored lead data is empty.");

    /// <summary>Encrypts a rejected input row as sent (it may hold personal data), for the batch report's download.</summary>
    public string ProtectRow(string row) => rows.Protect(row);

    public string UnprotectRow(string protectedRow) => rows.Unprotect(protectedRow);
}
