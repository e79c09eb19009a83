using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Domain.Auctions;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>
/// A lead. Card fields are stored in clear; the contact and consent data only as
/// <see cref="ProtectedData"/>, encrypted with ASP.NET Core Data Protection.
/// </summary>
public sealed class Lead
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public required Guid BatchId { get; init; }

    public required string PublisherId { get; init; }

    public required Guid VerticalId { get; init; }

    public required string Country { get; init; }

    public required string PostalArea { get; init; }

    public required string Language { get; init; }

    public required string Need { get; init; }

    public int Score { get; init; }

    /// <summary>Score factors as "name:points/max;..." (no personal data).</summary>
    public string ScoreFactors { get; init; } = "";

    public bool DoubleOptIn { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public required string ProtectedData { get; init; }
}

/// <summary>A publisher's listing: leads from one upload, with the terms their lots run under.</summary>
public sealed class LeadBatch
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public required string PublisherId { get; init; }

    public required Guid VerticalId { get; init; }

    public required Guid RoomId { get; init; }

    public required string Name { get; init; }

    public SaleMode SaleMode { get; init; }

    public int Shares { get; init; } = 1;

    public decimal ReservePrice { get; init; }

    public int DurationSeconds { get; init; }

    public int LeadCount { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}
