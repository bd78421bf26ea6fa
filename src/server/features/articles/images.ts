// What happens to an uploaded picture before anyone sees it: it is decoded by
// libvips (sharp) under a pixel limit, turned upright by its EXIF orientation,
// scaled down to the site's width, and written anew as WebP. Nothing of the
// original file survives but the pixels: no EXIF (so no GPS position or camera
// serial), no XMP, no ICC profile (colours are converted to sRGB), no comments.
import sharp, { type Metadata } from 'sharp';
import { IMAGE_LIMITS } from '../../../domain/contracts/article-editor.ts';

/** Formats accepted as input. SVG is not among them: it is a document that can carry scripts. */
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'heif', 'tiff']);

export class ImageRejectedError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ImageRejectedError';
  }
}

export interface ReencodedImage {
  bytes: Buffer;
  width: number;
  height: number;
  contentType: 'image/webp';
}

const unsupported = () =>
  new ImageRejectedError(415, 'unsupported_image', 'Upload a photo or picture as JPEG, PNG, WebP, GIF, AVIF or TIFF.');

const tooManyPixels = () =>
  new ImageRejectedError(
    413,
    'image_too_large',
    `The picture is too large to process (more than ${IMAGE_LIMITS.maxInputPixels / 1_000_000} megapixels). Export a smaller version and try again.`,
  );

function isPixelLimit(error: unknown): boolean {
  return error instanceof Error && /pixel limit/i.test(error.message);
}

export async function reencodeImage(input: Buffer): Promise<ReencodedImage> {
  if (input.length === 0) throw new ImageRejectedError(400, 'empty_image', 'The upload is empty: choose a picture.');
  const options = { limitInputPixels: IMAGE_LIMITS.maxInputPixels, failOn: 'warning' as const };
  let metadata: Metadata;
  try {
    // Reads the header only: the format and the size it claims, before any pixel is decoded.
    metadata = await sharp(input, options).metadata();
  } catch (error) {
    throw isPixelLimit(error) ? tooManyPixels() : unsupported();
  }
  if (!ACCEPTED_FORMATS.has(metadata.format)) throw unsupported();
  if (metadata.width * metadata.height > IMAGE_LIMITS.maxInputPixels) throw tooManyPixels();

  try {
    const { data, info } = await sharp(input, options)
      .autoOrient()
      .resize({
        width: IMAGE_LIMITS.maxWidth,
        height: IMAGE_LIMITS.maxHeight,
        fit: 'inside',
        withoutEnlargement: true,
      })
      // No keepMetadata()/withMetadata(): sharp writes none of the input's metadata.
      .webp({ quality: 82, effort: 4 })
      .timeout({ seconds: 30 })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, width: info.width, height: info.height, contentType: 'image/webp' };
  } catch (error) {
    if (isPixelLimit(error)) throw tooManyPixels();
    throw new ImageRejectedError(
      400,
      'invalid_image',
      'The picture could not be read: the file may be damaged or cut short. Try exporting it again.',
    );
  }
}
