namespace LeadMarket.Infrastructure.Accounts;

/// <summary>A key a buyer's or publisher's system authenticates with. Only a hash of the secret is stored.</summary>
public sealed class ApiKey
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public required string UserId { get; init; }

    public required string Name { get; set; }

    /// <summary>The first characters of the key, so a user can tell their keys apart.</summary>
    public required string Prefix { get; init; }

    /// <summary>SHA-256 of the key, hex. Keys are long random strings, so a plain hash is enough.</summary>
    public required string Hash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>A sandbox key: it runs the whole pre-ping and answers as a live key does, but stores and sells nothing.</summary>
    public bool IsTest { get; init; }

    /// <summary>This key's own rate limit; null for the market's default for the owner's role (ApiLimits options).</summary>
    public int? RequestsPerMinute { get; set; }
}
