namespace Interdict.App.Server;

/// <summary>A CSV sent to the API either as the first file of a multipart form (the UI's upload) or as the body itself.</summary>
internal static class CsvUpload
{
    /// <summary>What an upload endpoint accepts (enforced by <see cref="RequestGuard"/>, shown in the OpenAPI document).</summary>
    public static readonly string[] ContentTypes = ["text/csv", "multipart/form-data"];

    public static async Task<Stream> OpenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return request.Body;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            // The form reader's own words ("Multipart body length limit 16384 exceeded", "Unexpected end of Stream,
            // the content may have already been read by another component") describe its internals, not the upload.
            throw new FormatException("the multipart form is malformed or cut off (its boundaries do not match the Content-Type); send the CSV as one file field of a well-formed form, or as the body with Content-Type text/csv", ex);
        }

        var file = (form.Files.Count > 0 ? form.Files[0] : null) ?? throw new FormatException("the form has no file (send the CSV as a multipart file field)");
        return file.OpenReadStream();
    }
}
