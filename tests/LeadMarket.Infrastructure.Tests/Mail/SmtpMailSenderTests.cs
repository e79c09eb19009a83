using System.Net;
using System.Net.Sockets;
using System.Text;
using LeadMarket.Infrastructure.Mail;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LeadMarket.Infrastructure.Tests.Mail;

/// <summary>The SMTP sender against a minimal SMTP server on loopback (no TLS, no login): what it sends, and that it insists on STARTTLS when told.</summary>
public sealed class SmtpMailSenderTests
{
    [Fact]
    public async Task A_message_is_delivered_to_the_configured_server_with_its_sender_recipient_and_text()
    {
        await using var server = SmtpServer.Start();
        var sender = new SmtpMailSender(Options.Create(new MailOptions { Host = "127.0.0.1", Port = server.Port, UseStartTls = false }));

        await sender.SendAsync(Message(), CancellationToken.None);

        var session = await server.SessionAsync();
        Assert.Contains("MAIL FROM:<market@example.org>", session, StringComparison.Ordinal);
        Assert.Contains("RCPT TO:<erika@example.org>", session, StringComparison.Ordinal);
        Assert.Contains("Subject: Please confirm your request", session, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5012/doi/abc", session, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_UseStartTls_a_server_without_STARTTLS_gets_no_message()
    {
        await using var server = SmtpServer.Start();
        var sender = new SmtpMailSender(Options.Create(new MailOptions { Host = "127.0.0.1", Port = server.Port, UseStartTls = true }));

        await Assert.ThrowsAnyAsync<Exception>(() => sender.SendAsync(Message(), CancellationToken.None));

        Assert.DoesNotContain("MAIL FROM", await server.SessionAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_host_the_sender_says_what_to_configure()
    {
        var sender = new SmtpMailSender(Options.Create(new MailOptions()));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendAsync(Message(), CancellationToken.None));
        Assert.Contains("Mail:Host", error.Message, StringComparison.Ordinal);
    }

    private static MimeMessage Message()
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("LeadMarket <market@example.org>"));
        message.To.Add(new MailboxAddress("Erika Muster", "erika@example.org"));
        message.Subject = "Please confirm your request";
        message.Body = new TextPart("plain") { Text = "http://localhost:5012/doi/abc" };
        return message;
    }

    /// <summary>One SMTP session on loopback, answered with the fewest replies MailKit accepts; it records what the client sent.</summary>
    private sealed class SmtpServer : IAsyncDisposable
    {
        private readonly TcpListener listener;
        private readonly Task<string> session;

        private SmtpServer()
        {
            listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            session = Task.Run(ServeAsync);
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public static SmtpServer Start() => new();

        public Task<string> SessionAsync() => session.WaitAsync(TimeSpan.FromSeconds(30));

        public async ValueTask DisposeAsync()
        {
            listener.Stop();
            try
            {
                await session.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (e is SocketException or IOException or TimeoutException or ObjectDisposedException)
            {
                // the session ended with the listener
            }
        }

        private async Task<string> ServeAsync()
        {
            var seen = new StringBuilder();
            using var client = await listener.AcceptTcpClientAsync();
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost test SMTP");
            var inData = false;
            while (await reader.ReadLineAsync() is { } line)
            {
                seen.AppendLine(line);
                if (inData)
                {
                    if (line == ".")
                    {
                        inData = false;
                        await writer.WriteLineAsync("250 queued");
                    }

                    continue;
                }

                var verb = line.Split(' ')[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-localhost");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "DATA":
                        inData = true;
                        await writer.WriteLineAsync("354 go ahead");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return seen.ToString();
                    default:
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
            }

            return seen.ToString();
        }
    }
}
