// One file uploaded as multipart/form-data (field `file`): the size limit keeps its own 413, a missing file
// or a body the multipart parser cannot read is the sender's mistake (400 on `file`), never a 500.
import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from '../errors';

export async function uploadedFile(req: FastifyRequest, maxBytes: number, missing = '请选择要导入的文件'): Promise<{ filename: string; bytes: Buffer }> {
  try {
    const file = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
    if (!file) throw invalid([{ path: 'file', message: missing }]);
    return { filename: file.filename, bytes: await file.toBuffer() };
  } catch (e) {
    if (e instanceof AppError || ((e as { statusCode?: number }).statusCode ?? 500) < 500) throw e;
    throw invalid([{ path: 'file', message: '上传内容不完整或格式有误，请重新选择文件上传' }]);
  }
}
