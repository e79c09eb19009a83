namespace LeadMarket.Domain.Accounts;

/// <summary>The three kinds of people in the market.</summary>
public static class Roles
{
    public const string Buyer = "Buyer";
    public const string Publisher = "Publisher";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Buyer, Publisher, Admin];
}
