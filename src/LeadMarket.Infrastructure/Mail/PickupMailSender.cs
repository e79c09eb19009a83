using MimeKit;

namespace LeadMarket.Infrastructure.Mail;

/// <summary>
/// Writes each message as an .eml file into a folder (the Development default, <c>{DataDirectory}/mail-pickup</c>):
/// open it with any mail program, or let a local relay pick it up. A file appears whole or not at all (written
/// under a temporary name, then renamed).
/// </summary>
public sealed class PickupMailSender(string directory, TimeProvider time) : IMailSender
{
    public string Directory { get; } = directory;

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{time.GetUtcNow():yyyyMMdd'T'HHmmssfff'Z'}-{Guid.NewGuid():N}";
        var temporary = Path.Combine(Directory, name + ".tmp");
        await using (var file = File.Create(temporary))
        {
            await message.WriteToAsync(file, ct);
        }

        File.Move(temporary, Path.Combine(Directory, name + ".eml"));
    }
}
