using System.Security.Cryptography;
using System.Text;
using LeadMarket.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Infrastructure.Accounts;

/// <param name="IsTest">A sandbox key (<see cref="ApiKeyService.TestKeyPrefix"/>): runs everything, stores and sells nothing.</param>
/// <param name="RequestsPerMinute">The key's own rate limit; null for the market's default.</param>
public sealed record ApiKeyView(
    Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt,
    bool IsTest = false, int? RequestsPerMinute = null);

/// <summary>A newly created key: <see cref="Secret"/> is shown once and never stored.</summary>
public sealed record CreatedApiKey(ApiKeyView Key, string Secret);

/// <summary>A valid key and the user it belongs to, with what the key may do (sandbox or live, its own rate limit).</summary>
public sealed record ApiKeyOwner(Guid KeyId, string UserId, bool IsTest = false, int? RequestsPerMinute = null);

/// <summary>The result of changing a key's rate limit: false with a reason the admin can fix.</summary>
public sealed record ApiKeyRateResult(bool Ok, string? Error)
{
    public static ApiKeyRateResult Done { get; } = new(true, null);
}

/// <summary>API keys for buyers' and publishers' systems (header X-Api-Key, or access_token for the hub).</summary>
public sealed class ApiKeyService(IDbContextFactory<MarketDbContext> contexts, TimeProvider time)
{
    /// <summary>How many key ids <see cref="RevokedAmongAsync"/> sends in one query.</summary>
    private const int LookupChunk = 500;

    /// <summary>
    /// Raised on this node right after a key's revocation is committed, with the key's id, so whatever holds a
    /// connection authenticated by it can end that at once. Other nodes learn it from the database
    /// (<see cref="RevokedAmongAsync"/>).
    /// </summary>
    public event Action<Guid>? Revoked;

    /// <summary>How a live key's secret starts.</summary>
    public const string LiveKeyPrefix = "lm_";

    /// <summary>How a test (sandbox) key's secret starts, so a key in a config file shows what it is.</summary>
    public const string TestKeyPrefix = "lmt_";

    /// <summary>The bounds of a key's own rate limit.</summary>
    public const int MinRequestsPerMinute = 1, MaxRequestsPerMinute = 100_000;

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public Task<CreatedApiKey> CreateAsync(string userId, string name, CancellationToken ct = default) => CreateAsync(userId, name, isTest: false, ct);

    /// <summary>Creates a live key, or a test key that runs the whole pre-ping but stores and sells nothing.</summary>
    public async Task<CreatedApiKey> CreateAsync(string userId, string name, bool isTest, CancellationToken ct = default)
    {
        var secret = (isTest ? TestKeyPrefix : LiveKeyPrefix)
            + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = await AddAsync(userId, name, secret, isTest, ct);
        return new CreatedApiKey(key, secret);
    }

    /// <summary>Stores a key with a known secret (the demo keys of DESIGN §6).</summary>
    public Task<ApiKeyView> AddAsync(string userId, string name, string secret, CancellationToken ct = default) => AddAsync(userId, name, secret, isTest: false, ct);

    /// <summary>Stores a live or test key with a known secret (the demo keys and sandbox keys of DESIGN §6).</summary>
    public async Task<ApiKeyView> AddAsync(string userId, string name, string secret, bool isTest, CancellationToken ct = default)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > 100)
        {
            throw new ArgumentException("A key name is 1 to 100 characters.", nameof(name));
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = new ApiKey { UserId = userId, Name = trimmed, Prefix = secret[..Math.Min(8, secret.Length)], Hash = Hash(secret), CreatedAt = time.GetUtcNow(), IsTest = isTest };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return View(key);
    }

    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.UserId == userId).OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        return [.. keys.Select(View)];
    }

    /// <summary>Revokes one of the user's own keys; false when there is no such key of theirs.</summary>
    public async Task<bool> RevokeAsync(string userId, Guid keyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.UserId == userId, ct);
        if (key is null)
        {
            return false;
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            Revoked?.Invoke(key.Id);
        }

        return true;
    }

    /// <summary>
    /// Sets a key's own rate limit (an admin's decision: a source that sends more, or one to slow down); null returns
    /// it to the market's default for its owner's role. False when there is no such key or the rate is out of bounds.
    /// </summary>
    public async Task<ApiKeyRateResult> SetRequestsPerMinuteAsync(Guid keyId, int? requestsPerMinute, CancellationToken ct = default)
    {
        if (requestsPerMinute is < MinRequestsPerMinute or > MaxRequestsPerMinute)
        {
            return new ApiKeyRateResult(false, $"A key's rate is {MinRequestsPerMinute} to {MaxRequestsPerMinute} requests per minute.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, ct);
        if (key is null)
        {
            return new ApiKeyRateResult(false, "There is no such key.");
        }

        key.RequestsPerMinute = requestsPerMinute;
        await db.SaveChangesAsync(ct);
        return ApiKeyRateResult.Done;
    }

    /// <summary>The user a valid, unrevoked key belongs to, or null.</summary>
    public async Task<string?> FindUserAsync(string secret, CancellationToken ct = default) => (await FindAsync(secret, ct))?.UserId;

    /// <summary>Of the given keys, those that are revoked or no longer exist (one query per 500 ids).</summary>
    public async Task<IReadOnlyList<Guid>> RevokedAmongAsync(IReadOnlyCollection<Guid> keyIds, CancellationToken ct = default)
    {
        var revoked = new List<Guid>();
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (var chunk in keyIds.Chunk(LookupChunk))
        {
            var valid = await db.ApiKeys.AsNoTracking().Where(k => chunk.Contains(k.Id) && k.RevokedAt == null).Select(k => k.Id).ToListAsync(ct);
            revoked.AddRange(chunk.Except(valid));
        }

        return revoked;
    }

    /// <summary>The valid, unrevoked key with this secret and its user, or null.</summary>
    public async Task<ApiKeyOwner?> FindAsync(string secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 200)
        {
            return null;
        }

        var hash = Hash(secret);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, ct);
        if (key is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            key.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }

        return new ApiKeyOwner(key.Id, key.UserId, key.IsTest, key.RequestsPerMinute);
    }

    private static ApiKeyView View(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt, k.IsTest, k.RequestsPerMinute);
}
