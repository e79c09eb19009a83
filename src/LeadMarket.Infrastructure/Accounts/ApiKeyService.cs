using System.Security.Cryptography;
using System.Text;
using LeadMarket.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Infrastructure.Accounts;

public sealed record ApiKeyView(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>A newly created key: <see cref="Secret"/> is shown once and never stored.</summary>
public sealed record CreatedApiKey(ApiKeyView Key, string Secret);

/// <summary>A valid key and the user it belongs to.</summary>
public sealed record ApiKeyOwner(Guid KeyId, string UserId);

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

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public async Task<CreatedApiKey> CreateAsync(string userId, string name, CancellationToken ct = default)
    {
        var secret = "lm_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = await AddAsync(userId, name, secret, ct);
        return new CreatedApiKey(key, secret);
    }

    /// <summary>Stores a key with a known secret (the demo keys of DESIGN §6).</summary>
    public async Task<ApiKeyView> AddAsync(string userId, string name, string secret, CancellationToken ct = default)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > 100)
        {
            throw new ArgumentException("A key name is 1 to 100 characters.", nameof(name));
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = new ApiKey { UserId = userId, Name = trimmed, Prefix = secret[..Math.Min(8, secret.Length)], Hash = Hash(secret), CreatedAt = time.GetUtcNow() };
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

        return new ApiKeyOwner(key.Id, key.UserId);
    }

    private static ApiKeyView View(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt);
}
