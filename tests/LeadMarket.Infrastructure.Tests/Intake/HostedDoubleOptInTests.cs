using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Infrastructure.Mail;
using LeadMarket.Infrastructure.Outbox;
using LeadMarket.Infrastructure.Tests.Support;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace LeadMarket.Infrastructure.Tests.Intake;

/// <summary>The hosted double opt-in from its outbox row on: the mail, the click, the listing, the expiry.</summary>
[Collection(SqliteMarketCollection.Name)]
public sealed class HostedDoubleOptInTests(SqliteMarket market)
{
    private IOutboxHandler Handler => market.Services.GetServices<IOutboxHandler>().Single(h => h.Type == DoiRequested.Type);

    private DoubleOptInService DoubleOptIn => market.Services.GetRequiredService<DoubleOptInService>();

    private LeadProtector Protector => market.Services.GetRequiredService<LeadProtector>();

    [Fact]
    public async Task The_handler_run_twice_sends_one_mail_in_the_leads_language_naming_source_consent_and_link()
    {
        var email = Email();
        var batch = await IntakeRows.CreateBatchAsync(market.Services, hostedDoubleOptIn: true);
        var (lead, messageId) = await IntakeRows.CreateAwaitingConfirmationAsync(market.Services, batch, "de", email);
        var now = market.Time.GetUtcNow();

        await Handler.HandleAsync(new OutboxEnvelope(messageId, DoiRequested.Type, DoiRequested.Payload(lead.Id), 1), CancellationToken.None);
        await Handler.HandleAsync(new OutboxEnvelope(messageId, DoiRequested.Type, DoiRequested.Payload(lead.Id), 2), CancellationToken.None);

        var mail = Assert.Single(PickupMail.To(market.App.DataDirectory, email));
        Assert.Equal("Bitte bestätigen Sie Ihre Anfrage", mail.Subject);
        Assert.Contains(IntakeRows.SourceUrl, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"\"{IntakeRows.ConsentText}\"", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Erst nach Ihrer Bestätigung", mail.TextBody, StringComparison.Ordinal);
        var token = PickupMail.DoiToken(mail);
        Assert.Contains($"http://localhost:5012/doi/{token}", mail.TextBody, StringComparison.Ordinal);

        await using var db = market.App.Db();
        var stored = await db.Leads.AsNoTracking().SingleAsync(l => l.Id == lead.Id);
        Assert.Equal((LeadState.AwaitingConfirmation, DoiToken.Hash(token), now.AddHours(72)), (stored.State, stored.ConfirmationTokenHash, stored.ConfirmationExpiresAt));
        var consent = Protector.Unprotect(stored.ProtectedData).Consent;
        Assert.Equal((now, true, (DateTimeOffset?)null), (consent.ConfirmationSentAt, consent.HostedDoubleOptIn, consent.ConfirmedAt));
    }

    [Fact]
    public async Task An_english_lead_gets_the_mail_in_english()
    {
        var email = Email();
        var batch = await IntakeRows.CreateBatchAsync(market.Services, hostedDoubleOptIn: true);
        var (lead, messageId) = await IntakeRows.CreateAwaitingConfirmationAsync(market.Services, batch, "en", email);

        await Handler.HandleAsync(new OutboxEnvelope(messageId, DoiRequested.Type, DoiRequested.Payload(lead.Id), 1), CancellationToken.None);

        var mail = Assert.Single(PickupMail.To(market.App.DataDirectory, email));
        Assert.Equal("Please confirm your request", mail.Subject);
        Assert.Contains("Only after your confirmation", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_send_hands_the_claim_back_so_the_retry_sends_the_mail()
    {
        var email = Email();
        var batch = await IntakeRows.CreateBatchAsync(market.Services, hostedDoubleOptIn: true);
        var (lead, messageId) = await IntakeRows.CreateAwaitingConfirmationAsync(market.Services, batch, "de", email);
        var failing = ActivatorUtilities.CreateInstance<DoiRequestedHandler>(market.Services, new FailingSender());
        var envelope = new OutboxEnvelope(messageId, DoiRequested.Type, DoiRequested.Payload(lead.Id), 1);

        var error = await Assert.ThrowsAsync<MailNotSentException>(() => failing.HandleAsync(envelope, CancellationToken.None));
        Assert.DoesNotContain(email, error.Message, StringComparison.OrdinalIgnoreCase);
        await using (var db = market.App.Db())
        {
            var stored = await db.Leads.AsNoTracking().SingleAsync(l => l.Id == lead.Id);
            Assert.Equal((null, null), (stored.ConfirmationTokenHash, stored.ConfirmationExpiresAt));
            Assert.Null(Protector.Unprotect(stored.ProtectedData).Consent.ConfirmationSentAt);
        }

        await Handler.HandleAsync(envelope with { Attempt = 2 }, CancellationToken.None);
        Assert.Single(PickupMail.To(market.App.DataDirectory, email));
    }

    [Fact]
    public async Task Looking_at_the_link_changes_nothing_the_confirmation_lists_the_lead_once_with_the_click_in_its_evidence()
    {
        var batch = await IntakeRows.CreateBatchAsync(market.Services, hostedDoubleOptIn: true);
        var (lead, token) = await MailedLeadAsync(batch);
        using var events = new EventLog(market.Notifier);

        Assert.Equal(new DoiLinkAnswer(DoiLinkStatus.Pending, "de"), await DoubleOptIn.GetAsync(token));
        Assert.Equal(new DoiLinkAnswer(DoiLinkStatus.Pending, "de"), await DoubleOptIn.GetAsync(token));
        await using (var db = market.App.Db())
        {
            Assert.Equal(LeadState.AwaitingConfirmation, (await db.Leads.AsNoTracking().SingleAsync(l => l.Id == lead.Id)).State);
            Assert.False(await db.Lots.AnyAsync(l => l.LeadId == lead.Id));
        }

        market.Time.Advance(TimeSpan.FromMinutes(3));
        var clickedAt = market.Time.GetUtcNow();
        Assert.Equal(DoiLinkStatus.Confirmed, (await DoubleOptIn.ConfirmAsync(token, "198.51.100.4", "Mozilla/5.0 (Confirming)")).Status);
        Assert.Equal(DoiLinkStatus.AlreadyConfirmed, (await DoubleOptIn.ConfirmAsync(token, "198.51.100.4", "Mozilla/5.0 (Confirming)")).Status);
        Assert.Equal(DoiLinkStatus.AlreadyConfirmed, (await DoubleOptIn.GetAsync(token)).Status);

        await using var check = market.App.Db();
        var stored = await check.Leads.AsNoTracking().SingleAsync(l => l.Id == lead.Id);
        Assert.Equal((LeadState.Listed, true, (DateTimeOffset?)null), (stored.State, stored.DoubleOptIn, stored.ConfirmationExpiresAt));
        var consent = Protector.Unprotect(stored.ProtectedData).Consent;
        Assert.Equal((clickedAt, "198.51.100.4", "Mozilla/5.0 (Confirming)", true), (consent.ConfirmedAt, consent.ConfirmedIp, consent.ConfirmedUserAgent, consent.HostedDoubleOptIn));
        Assert.True(consent.IsDoubleOptIn);
        var lot = Assert.Single(await check.Lots.AsNoTracking().Where(l => l.LeadId == lead.Id).ToListAsync());
        Assert.Equal((LotStatus.Open, clickedAt, batch.RoomId), (lot.Status, lot.OpenedAt, lot.RoomId));
        Assert.Single(events.Of<LotOpenedEvent>(lot.Id));
    }

    [Fact]
    public async Task Confirmations_in_a_paced_batch_take_its_next_slots_in_turn_as_scheduled_lots()
    {
        var startsAt = market.Time.GetUtcNow().AddHours(1);
        var batch = await IntakeRows.CreateBatchAsync(market.Services, hostedDoubleOptIn: true, pacingSeconds: 90, startsAt: startsAt);
        var (first, firstToken) = await MailedLeadAsync(batch);
        var (second, secondToken) = await MailedLeadAsync(batch);

        var answers = await Task.WhenAll(DoubleOptIn.ConfirmAsync(firstToken, "198.51.100.1", "a"), DoubleOptIn.ConfirmAsync(secondToken, "198.51.100.2", "b"));

        Assert.All(answers, a => Assert.Equal(DoiLinkStatus.Confirmed, a.Status));
        await using var db = market.App.Db();
        var lots = await db.Lots.AsNoTracking().Where(l => l.LeadId == first.Id || l.LeadId == second.Id).ToListAsync();
        Assert.Equal([startsAt, startsAt.AddSeconds(90)], lots.Select(l => l.OpenedAt).Order());
        Assert.All(lots, l => Assert.Equal(LotStatus.Scheduled, l.Status));
        var stored = await db.Batches.AsNoTracking().SingleAsync(b => b.Id == batch.Id);
        Assert.Equal((startsAt.AddSeconds(180), 2L), (stored.NextSlotAt, stored.Version));
    }

    [Fact]
    public async Task An_unconfirmed_lead_expires_after_its_lifetime_and_is_never_listed()
    {
        var batch = await IntakeRows.CreateBatchAsync(market.Services, hostedDoubleOptIn: true);
        var (lead, token) = await MailedLeadAsync(batch);
        var expiry = market.Services.GetRequiredService<DoiExpiryWorker>();

        market.Time.Advance(TimeSpan.FromHours(72) - TimeSpan.FromSeconds(1));
        await expiry.ExpireDueAsync(CancellationToken.None);
        await using (var db = market.App.Db())
        {
            Assert.Equal(LeadState.AwaitingConfirmation, (await db.Leads.AsNoTracking().SingleAsync(l => l.Id == lead.Id)).State);
        }

        market.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(DoiLinkStatus.Expired, (await DoubleOptIn.ConfirmAsync(token, "198.51.100.4", "late")).Status); // past its time, even before the sweep
        Assert.True(await expiry.ExpireDueAsync(CancellationToken.None) >= 1);
        Assert.Equal(DoiLinkStatus.Expired, (await DoubleOptIn.ConfirmAsync(token, "198.51.100.4", "late")).Status);

        await using var check = market.App.Db();
        Assert.Equal(LeadState.Expired, (await check.Leads.AsNoTracking().SingleAsync(l => l.Id == lead.Id)).State);
        Assert.False(await check.Lots.AnyAsync(l => l.LeadId == lead.Id));
    }

    [Fact]
    public async Task An_unknown_or_oversized_token_is_answered_unknown()
    {
        Assert.Equal(DoiLinkStatus.Unknown, (await DoubleOptIn.GetAsync(DoiToken.Create())).Status);
        Assert.Equal(DoiLinkStatus.Unknown, (await DoubleOptIn.ConfirmAsync(new string('x', 10_000), null, null)).Status);
    }

    private async Task<(Lead Lead, string Token)> MailedLeadAsync(LeadBatch batch)
    {
        var email = Email();
        var (lead, messageId) = await IntakeRows.CreateAwaitingConfirmationAsync(market.Services, batch, "de", email);
        await Handler.HandleAsync(new OutboxEnvelope(messageId, DoiRequested.Type, DoiRequested.Payload(lead.Id), 1), CancellationToken.None);
        return (lead, PickupMail.DoiToken(Assert.Single(PickupMail.To(market.App.DataDirectory, email))));
    }

    private static string Email() => $"doi-{Guid.NewGuid():N}@example.org";

    private sealed class FailingSender : IMailSender
    {
        public Task SendAsync(MimeMessage message, CancellationToken ct) => throw new IOException($"The SMTP server refused {message.To}.");
    }
}
