using LeadMarket.Infrastructure.Data;
using LeadMarket.Infrastructure.Mail;
using LeadMarket.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>
/// Sends the hosted double opt-in's confirmation mail of one waiting lead (<see cref="DoiRequested"/>).
/// <para>
/// Idempotent: before the mail goes out, one guarded write claims the lead for it (<c>… WHERE "State" =
/// 'AwaitingConfirmation' AND "ConfirmationTokenHash" IS NULL</c>) and stores at once the link's token hash, its expiry
/// and the mail's send time in the lead's evidence (re-encrypted). A second run of the row, on this node or another,
/// finds the claim and sends nothing. A send that fails hands the claim back (guarded by its own token) and throws,
/// so the outbox retries with a fresh link. A node that dies between the claim and the send leaves a lead without
/// mail, which then expires unlisted: the market never sends two links for one lead.
/// </para>
/// </summary>
public sealed class DoiRequestedHandler(
    IDbContextFactory<MarketDbContext> contexts,
    LeadProtector protector,
    IMailSender mail,
    IOptions<MailOptions> mailOptions,
    IOptions<DoubleOptInOptions> doiOptions,
    TimeProvider time) : IOutboxHandler
{
    public string Type => DoiRequested.Type;

    public async Task HandleAsync(OutboxEnvelope message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var leadId = DoiRequested.Read(message.Payload).LeadId;
        var baseUrl = mailOptions.Value.PublicBaseUrl;
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            throw new InvalidOperationException("Mail:PublicBaseUrl is not configured; the confirmation link needs the market's public address.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var lead = await db.Leads.AsNoTracking()
            .Where(l => l.Id == leadId)
            .Select(l => new { l.State, l.ConfirmationTokenHash, l.ProtectedData, l.Language })
            .FirstOrDefaultAsync(ct);
        if (lead is null || lead.State != LeadState.AwaitingConfirmation || lead.ConfirmationTokenHash is not null)
        {
            return; // gone, confirmed, expired, or its mail already claimed by an earlier run
        }

        var now = time.GetUtcNow();
        DateTimeOffset? expiresAt = now + doiOptions.Value.ConfirmationLifetime;
        var data = protector.Unprotect(lead.ProtectedData);
        var sent = data with { Consent = data.Consent with { ConfirmationSentAt = now, HostedDoubleOptIn = true } };
        var token = DoiToken.Create();
        var hash = DoiToken.Hash(token);
        var protectedSent = protector.Protect(sent);
        var claimed = await db.Leads
            .Where(l => l.Id == leadId && l.State == LeadState.AwaitingConfirmation && l.ConfirmationTokenHash == null)
            .ExecuteUpdateAsync(
                s => s.SetProperty(l => l.ConfirmationTokenHash, hash)
                    .SetProperty(l => l.ConfirmationExpiresAt, expiresAt)
                    .SetProperty(l => l.ProtectedData, protectedSent),
                ct);
        if (claimed != 1)
        {
            return; // another run claimed it meanwhile
        }

        try
        {
            var composed = DoiMail.Compose(mailOptions.Value.From, sent.Contact, sent.Consent, lead.Language, DoiMail.Link(baseUrl, token), expiresAt.Value);
            await mail.SendAsync(composed, ct);
        }
        catch (Exception ex)
        {
            await db.Leads
                .Where(l => l.Id == leadId && l.State == LeadState.AwaitingConfirmation && l.ConfirmationTokenHash == hash)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(l => l.ConfirmationTokenHash, (string?)null)
                        .SetProperty(l => l.ConfirmationExpiresAt, (DateTimeOffset?)null)
                        .SetProperty(l => l.ProtectedData, lead.ProtectedData),
                    CancellationToken.None);

            if (ex is OperationCanceledException && ct.IsCancellationRequested)
            {
                throw; // the node is stopping: the row is handed out again after its lease
            }

            // The server's words may repeat the recipient's address: the outbox logs and stores only what is not personal.
            throw new MailNotSentException(MailNotSentException.Describe(ex));
        }
    }
}
