// Uploading a picture for the article: the file and a description of it for
// people who cannot see it. The server turns it upright, strips its metadata
// (GPS included), scales it down and stores it; the dialog hands back the
// Markdown that shows it.
import { useEffect, useState, type FormEvent } from 'react';
import { Button, FileInput, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { IconPhoto } from '@tabler/icons-react';
import { Dialog } from '../forms/dialog.tsx';
import { FormError } from '../forms/form-parts.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { IMAGE_LIMITS, uploadImage, type SiteImage } from './api.ts';

const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,image/avif,image/tiff';
const MAX_MB = IMAGE_LIMITS.uploadMaxBytes / 1024 / 1024;

export function ImageDialog({
  opened,
  csrfToken,
  onClose,
  onUploaded,
}: {
  opened: boolean;
  csrfToken: string;
  onClose: () => void;
  onUploaded: (image: SiteImage) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState('');
  const [thumbnail, setThumbnail] = useState<string | undefined>();
  const form = useSubmit();
  const { reset, clearFieldError } = form;

  useEffect(() => {
    if (!opened) return;
    setFile(null);
    setAlt('');
    reset();
  }, [opened, reset]);

  useEffect(() => {
    if (file === null) {
      setThumbnail(undefined);
      return undefined;
    }
    const url = URL.createObjectURL(file);
    setThumbnail(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const fileProblem =
      file === null
        ? 'Choose a picture.'
        : file.size > IMAGE_LIMITS.uploadMaxBytes
          ? `The file is larger than ${MAX_MB} MB.`
          : undefined;
    const altProblem =
      alt.trim() === ''
        ? 'Describe the picture in a few words.'
        : alt.trim().length > IMAGE_LIMITS.altMax
          ? `Use at most ${IMAGE_LIMITS.altMax} characters.`
          : undefined;
    void form.submit(
      async () => {
        if (file === null) return;
        onUploaded(await uploadImage(file, alt.trim(), csrfToken));
      },
      { file: fileProblem, alt: altProblem },
    );
  };

  return (
    <Dialog opened={opened} onClose={onClose} title="Insert an image" size="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FileInput
            label="Picture"
            description={`JPEG, PNG, WebP, GIF, AVIF or TIFF, up to ${MAX_MB} MB. Location and camera details are removed.`}
            placeholder="Choose a file"
            accept={ACCEPT}
            value={file}
            onChange={(chosen) => {
              setFile(chosen);
              clearFieldError('file');
            }}
            leftSection={<IconPhoto size={16} aria-hidden />}
            error={form.fieldErrors.file}
            clearable
            required
            data-autofocus
          />
          {thumbnail !== undefined && (
            <Image src={thumbnail} alt="" h={140} w="auto" fit="contain" radius="md" bg="gray.0" />
          )}
          <TextInput
            label="Description (alt text)"
            description="What the picture shows, for people who cannot see it. Read out by screen readers."
            {...form.bind('alt', alt, setAlt)}
            maxLength={IMAGE_LIMITS.altMax}
            required
          />
          <Text size="xs" c="dimmed">
            It is placed where the cursor was in the text, on a line of its own.
          </Text>
          <FormError message={form.formError} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Upload and insert
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
